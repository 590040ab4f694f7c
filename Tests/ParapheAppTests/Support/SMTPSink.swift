import Foundation
import ParapheCore
import Testing
import ParapheServices

/// A real SMTP server (aiosmtpd, tests/support/smtp_sink.py) requiring STARTTLS and AUTH PLAIN; what it receives is
/// read back as JSON, parsed by Python's email package.
final class SMTPSink: @unchecked Sendable {
    let process: Process
    let input: Pipe
    let directory: URL
    let port: Int
    let caFile: String

    static let username = "mailer", password = "s3cret"

    /// Starts the server; nil (with a recorded issue when checkers are required) if Python or aiosmtpd is missing.
    static func start(port: Int = 0, directory: URL? = nil) throws -> SMTPSink? {
        let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("paraphe-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../tests/support/smtp_sink.py").standardized
        let process = Process()
        let python = ProcessInfo.processInfo.environment["PARAPHE_PYTHON"] ?? "/usr/bin/python3"
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, "--out", directory.path, "--port", String(port)]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
            if chunk.contains(UInt8(ascii: "\n")) { break }
        }
        let words = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 3, words[0] == "READY", let port = Int(words[1]) else {
            process.terminate()
            if ProcessInfo.processInfo.environment["PARAPHE_REQUIRE_CHECKERS"] == "1" { Issue.record("the SMTP test server did not start") }
            return nil
        }
        return SMTPSink(process: process, input: input, directory: directory, port: port, caFile: String(words[2]))
    }

    private init(process: Process, input: Pipe, directory: URL, port: Int, caFile: String) {
        self.process = process
        self.input = input
        self.directory = directory
        self.port = port
        self.caFile = caFile
    }

    /// Every message received so far, in order.
    func messages() throws -> [JSONValue] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
