import Foundation
import Testing

/// The external checkers (qpdf, poppler, LibreOffice, python-docx). The test command installs them and sets
/// PARAPHE_REQUIRE_CHECKERS, so in CI a missing checker fails instead of skipping.
enum Checkers {
    static var required: Bool { ProcessInfo.processInfo.environment["PARAPHE_REQUIRE_CHECKERS"] == "1" }

    static var python: String {
        ProcessInfo.processInfo.environment["PARAPHE_PYTHON"] ?? "python3"
    }

    /// The path of `tool` on PATH, or nil (recording a failure when checkers are required).
    static func find(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        if required { Issue.record("checker \(tool) is not installed") }
        return nil
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a chatty checker cannot fill the pipe and stall.
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      errors: String(decoding: errors, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paraphe-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whitespace runs (line breaks, no-break spaces) as one space, for comparing extracted text with the source.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
