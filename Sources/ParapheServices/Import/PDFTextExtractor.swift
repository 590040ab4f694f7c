import Foundation
import NIOPosix

/// Extracts a PDF's text for search. Poppler's `pdftotext` when installed; without it, imports still work and say
/// their text is not indexed.
public struct PDFTextExtractor: Sendable {
    public var isAvailable: Bool
    public var extract: @Sendable (Data) async -> String?

    public static func pdftotext(path: String? = nil) -> PDFTextExtractor {
        let candidates = path.map { [$0] } ?? ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return PDFTextExtractor(isAvailable: false, extract: { _ in nil })
        }
        return PDFTextExtractor(isAvailable: true) { data in
            try? await NIOThreadPool.singleton.runIfActive { run(binary: binary, pdf: data) }
        }
    }

    public static let unavailable = PDFTextExtractor(isAvailable: false, extract: { _ in nil })

    private static func run(binary: String, pdf: Data) -> String? {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("paraphe-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: input) }
        guard (try? pdf.write(to: input)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-q", "-enc", "UTF-8", input.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        // Search needs words, not layout. The cap keeps Postgres under its 1 MB tsvector limit for any document.
        return String(decoding: data.prefix(256 * 1024), as: UTF8.self).replacingOccurrences(of: "\u{0}", with: " ")
    }
}
