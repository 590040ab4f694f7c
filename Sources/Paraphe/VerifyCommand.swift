import ArgumentParser
import Foundation
import ParapheCore
import ParapheServices
import ParapheSignature
import SwiftASN1
import X509

/// `paraphe verify FILE.pdf`: offline, without the database. Trusts the organisation's seal (its chain in the data
/// folder, or PARAPHE_SEAL_CERT) or the CA given with --trust. Exit codes: 0 valid, 2 modified, 3 unknown signer,
/// 4 not sealed by Paraphe, 1 the check could not run.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a sealed PDF: valid, modified, unknown signer or not sealed by Paraphe.")

    @OptionGroup var options: ServerOptions
    @Option(help: "A PEM file of certificates to trust instead of this server's seal (the organisation's CA).") var trust: String?
    @Argument(help: "The PDF to check.") var file: String

    func run() throws {
        let roots: (roots: [Certificate], pinned: [Certificate], timestamps: [Certificate])
        do {
            roots = try trustedRoots()
        } catch {
            FileHandle.standardError.write(Data("paraphe verify: \(error)\n".utf8))
            throw ExitCode(1)
        }
        guard let pdf = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("paraphe verify: cannot read \(file)\n".utf8))
            throw ExitCode(1)
        }
        let result = SealVerifier(trustedRoots: roots.roots, pinnedSeals: roots.pinned, timestampRoots: roots.timestamps).verify(pdf)
        var lines = ["\(file): \(Self.words(result.outcome))" + (result.reason.map { " (\($0))" } ?? "")]
        if let signer = result.signer { lines.append("  sealed by: \(signer)") }
        if let level = result.level { lines.append("  level: \(level.rawValue)") }
        if let time = result.timestamp {
            lines.append("  time-stamped: \(Timestamp.format(time))" + (result.timestampAuthority.map { " by \($0)" } ?? "")
                         + (result.timestampTrusted == true ? "" : " (authority not trusted here: pass PARAPHE_TSA_CERT)"))
        }
        if result.outcome == .valid, let data = result.evidence,
           let evidence = try? JSONDecoder.evidence.decode(SealEvidence.self, from: data) {
            lines.append("  contract: \(evidence.reference) — \(evidence.title)")
            lines.append("  version signed: SHA-256 \(evidence.signedVersion.sha256)")
            for signer in evidence.signers {
                lines.append("  signer: \(signer.name) <\(signer.email)>, \(signer.role), signed \(signer.signedAt.map(Timestamp.format) ?? "-")")
            }
            lines.append("  audit trail at sealing: \(evidence.auditChain.count) events, head \(evidence.auditChain.head)")
        }
        lines.append("  file SHA-256: \(result.fileSha256)")
        print(lines.joined(separator: "\n"))
        if result.outcome != .valid { throw ExitCode(result.outcome.exitCode) }
    }

    static func words(_ outcome: SealVerification.Outcome) -> String {
        switch outcome {
        case .valid: "valid"
        case .modified: "modified"
        case .unknownSigner: "unknown signer"
        case .notSealed: "not sealed by Paraphe"
        }
    }

    /// This server's seal (its root, and its certificate pinned), or the CA given with --trust (anything it issued
    /// for sealing); and the time-stamp authorities of PARAPHE_TSA_CERT.
    func trustedRoots() throws -> (roots: [Certificate], pinned: [Certificate], timestamps: [Certificate]) {
        let config = options.config()
        let path = trust ?? config.sealCertificatePath ?? SealKeys.chainURL(dataDirectory: config.dataDirectory).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("no seal to trust at \(path): pass --trust with the organisation's CA certificate")
        }
        let chain = try PEMDocument.parseMultiple(pemString: text).map { try Certificate(derEncoded: $0.derBytes) }
        guard let root = chain.last else { throw ValidationError("\(path) holds no certificate") }
        return ([root], trust == nil ? Array(chain.prefix(1)) : [], try SealKeys().timestampRoots(config))
    }
}
