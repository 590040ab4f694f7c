import Foundation
import ParapheCore
import ParapheStore

/// What `paraphe audit verify` checks, and the API's verify with it: every contract's chain and the state it vouches
/// for, every document's bytes against its SHA-256, the admin log's chain, and the signed daily checkpoints.
public struct AuditVerification: Sendable {
    public let services: AppServices

    public init(services: AppServices) { self.services = services }

    public struct Report: Sendable {
        public var lines: [String] = []
        public var problems = 0
    }

    /// One stored document and whether its bytes still hash to the recorded SHA-256.
    public struct DocumentCheck: Sendable {
        public enum Status: String, Sendable { case intact, altered, missing }
        public var document: DocumentRecord
        public var status: Status
    }

    public static func documents(of contract: Contract.ID, blobs: BlobStore, in s: Session) async throws -> [DocumentCheck] {
        var checks: [DocumentCheck] = []
        for d in try await s.documents(of: contract) {
            let status: DocumentCheck.Status = switch try await blobs.get(d.sha256, in: s) {
            case nil: .missing
            case let bytes?: BlobStore.sha256(bytes) == d.sha256 ? .intact : .altered
            }
            checks.append(DocumentCheck(document: d, status: status))
        }
        return checks
    }

    /// Everything, or one contract's chain and documents only.
    public func run(only: Contract.ID? = nil) async throws -> Report {
        var report = Report()
        let verdicts = try await services.database.verifyAuditChains(only: only)
        var documents = 0
        for (id, verdict) in verdicts {
            if case .broken(let seq, let reason) = verdict {
                report.problems += 1
                report.lines.append("BROKEN contract \(id) at event #\(seq): \(reason)")
            }
            let blobs = services.blobs
            for check in try await services.database.read({ try await Self.documents(of: id, blobs: blobs, in: $0) }) {
                documents += 1
                guard check.status != .intact else { continue }
                report.problems += 1
                report.lines.append("\(check.status.rawValue.uppercased()) document \(check.document.id) (\(check.document.filename)) of contract \(id): "
                                    + (check.status == .missing ? "its bytes are gone" : "its bytes no longer hash to \(check.document.sha256)"))
            }
            // Each sealed PDF carries the trail's head as it stood at sealing: a trail rewritten since no longer holds it.
            let checks = SealChecks(services: services)
            for sha in try await services.database.read({ try await checks.missingSeals(of: id, in: $0) }) {
                report.problems += 1
                report.lines.append("SEAL contract \(id): the trail records a sealed document \(sha) that is no longer stored")
            }
            for seal in try await services.database.read({ try await checks.seals(of: id, in: $0) }) {
                if seal.verification.outcome != .valid {
                    report.problems += 1
                    report.lines.append("SEAL document \(seal.document.id) of contract \(id): \(seal.verification.outcome.rawValue)"
                                        + (seal.verification.reason.map { " (\($0))" } ?? ""))
                } else if seal.anchorHolds != true {
                    report.problems += 1
                    let anchor = seal.evidence.map { "event #\($0.auditChain.count) should hash to \($0.auditChain.head)" } ?? "no evidence"
                    report.lines.append("ANCHOR contract \(id): the sealed document \(seal.document.id) no longer matches its trail: \(anchor)")
                }
            }
        }
        var summary = "\(verdicts.count) contract(s) and \(documents) document(s) checked"
        if only == nil {
            let admin = try await services.database.read { try await $0.verifyAdminLog() }
            switch admin {
            case .valid(let count): summary += ", the admin log's \(count) entries"
            case .broken(let seq, let reason):
                report.problems += 1
                report.lines.append("BROKEN admin log at entry #\(seq): \(reason)")
                summary += ", the admin log"
            }
            let checkpoints = try await AuditCheckpoints(services: services).verify()
            for finding in checkpoints.findings {
                report.problems += 1
                report.lines.append("CHECKPOINT \(finding.file): \(finding.problem)")
            }
            summary += " and \(checkpoints.checked) checkpoint(s)"
        }
        report.lines.append("\(summary); \(report.problems) problem(s)")
        return report
    }
}
