import Foundation
import ParapheCore
import SQLKit

extension Session {
    public func insertSavedView(_ v: SavedView) async throws {
        try await run("""
            INSERT INTO saved_views (id, user_id, name, path, query, created_at)
            VALUES (\(bind: v.id.description), \(bind: v.userId.description), \(bind: v.name), \(bind: v.path), \(bind: v.query),
                    \(bind: Timestamp.format(v.createdAt)))
            """)
    }

    /// A person's views by name, at most `limit` after `after`.
    public func savedViews(of user: User.ID, after: String?, limit: Int) async throws -> [SavedView] {
        var sql: SQLQueryString = "SELECT * FROM saved_views WHERE user_id = \(bind: user.description)"
        if let after { sql += " AND name > \(bind: after)" }
        sql += " ORDER BY name LIMIT \(bind: limit)"
        return try await all(sql).map(Self.decodeSavedView)
    }

    public func savedViewCount(of user: User.ID) async throws -> Int {
        try await first("SELECT COUNT(*) AS n FROM saved_views WHERE user_id = \(bind: user.description)")!.int("n")
    }

    public func savedView(named name: String, of user: User.ID) async throws -> SavedView? {
        try await first("SELECT * FROM saved_views WHERE user_id = \(bind: user.description) AND name = \(bind: name)").map(Self.decodeSavedView)
    }

    /// Deletes one of `user`'s views; false when they have none with this id.
    public func deleteSavedView(_ id: SavedView.ID, of user: User.ID) async throws -> Bool {
        guard try await first("SELECT id FROM saved_views WHERE id = \(bind: id.description) AND user_id = \(bind: user.description)") != nil else { return false }
        try await run("DELETE FROM saved_views WHERE id = \(bind: id.description)")
        return true
    }

    static func decodeSavedView(_ row: any SQLRow) throws -> SavedView {
        SavedView(id: try row.id("id"), userId: try row.id("user_id"), name: try row.string("name"), path: try row.string("path"),
                  query: try row.string("query"), createdAt: try row.date("created_at"))
    }
}
