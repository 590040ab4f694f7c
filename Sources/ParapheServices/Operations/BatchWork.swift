import Foundation
import ParapheStore

extension AppServices {
    /// Runs `work` on each id the pages list (200 at a time, after the last id seen), one short transaction each; a
    /// failure is logged under `label` and the next one runs, so one bad row never holds up the batch.
    func eachInItsOwnTransaction(_ label: String, _ page: @escaping @Sendable (Session, String) async throws -> [String],
                                 _ work: @escaping @Sendable (Session, String) async throws -> Void) async throws {
        var after = ""
        while true {
            let cursor = after
            let ids = try await database.read { try await page($0, cursor) }
            for id in ids {
                do {
                    try await database.transaction { try await work($0, id) }
                } catch {
                    logger.error("\(label) \(id) left as it is: \(error)")
                }
            }
            guard ids.count == 200, let last = ids.last else { return }
            after = last
        }
    }
}
