import Foundation
import ParapheDocuments
import ParapheSignature

/// Seals the benchmark contract (scripts/bench-documents/content.py) as the seal job does (a signature page and an
/// annex appended, then PAdES-B-B with the evidence embedded) and prints the mean milliseconds per document as JSON.
/// Writes the unsealed PDF and the seal's key and certificates, so the peer signs the same file with the same key.
///     paraphe-bench seal content.json runs output-dir
enum SealBench {
    static func run(_ arguments: [String]) async throws {
        guard arguments.count == 5, let runs = Int(arguments[3]), runs > 0 else {
            FileHandle.standardError.write(Data("usage: paraphe-bench seal content.json runs output-dir\n".utf8))
            exit(64)
        }
        let document = try JSONDecoder().decode(Content.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[2]))).document
        let output = URL(fileURLWithPath: arguments[4])
        let renderer = PDFRenderer(fonts: FontSet.load())
        let pdf = renderer.render(document)
        let identity = try SealIdentity.generate(organisation: "Paraphe Bench", now: Date())
        try pdf.write(to: output.appendingPathComponent("contract.pdf"))
        try identity.keyPEM.write(to: output.appendingPathComponent("seal-key.pem"), atomically: true, encoding: .utf8)
        try identity.leaf.serializeAsPEM().pemString.write(to: output.appendingPathComponent("seal-cert.pem"), atomically: true, encoding: .utf8)
        try identity.root.serializeAsPEM().pemString.write(to: output.appendingPathComponent("seal-ca.pem"), atomically: true, encoding: .utf8)
        let appendix = DocumentModel(language: .fr, title: "Page de signature", signature: SignaturePage(closing: "Signé électroniquement.", signatories: [
            Signatory(party: "Paraphe SAS", name: "Sophie Finance", capacity: "Directrice financière", mark: .typed("Sophie Finance")),
            Signatory(party: "Client SA", name: "Claire Martin", capacity: "Présidente", mark: .typed("Claire Martin")),
        ]), annexes: [Annex(title: "Preuve de signature", blocks: [.paragraph([Run("Version signée, déroulé, piste d'audit.")])])])
        let sealer = PDFSealer(identity: identity)
        let evidence = Data(String(repeating: #"{"step":"signature.signed","at":"2026-12-05T12:00:00.000Z"}"#, count: 20).utf8)
        // The seal alone, on the same file the peer signs; then the seal job's whole work, pages appended first.
        func sealOnly() async throws -> Data { try await sealer.seal(pdf, signedAt: Date(), reason: "Bench") { _ in evidence }.pdf }
        func withPages() async throws -> Data {
            try await sealer.seal(try renderer.append(appendix, to: pdf), signedAt: Date(), reason: "Bench") { _ in evidence }.pdf
        }
        func milliseconds(_ body: () async throws -> Data) async throws -> (Double, Data) {
            var last = try await body()
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0..<runs { last = try await body() }
            let elapsed = clock.now - start
            return ((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15) / Double(runs), last)
        }
        let (sealMs, sealed) = try await milliseconds(sealOnly)
        let (jobMs, withAnnex) = try await milliseconds(withPages)
        try sealed.write(to: output.appendingPathComponent("paraphe-sealed.pdf"))
        try withAnnex.write(to: output.appendingPathComponent("paraphe-sealed-with-pages.pdf"))
        let result: [String: Double] = ["sealMs": sealMs, "withPagesMs": jobMs, "bytes": Double(sealed.count)]
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }
}
