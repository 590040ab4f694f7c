import Foundation
import ParapheStore
import Testing

/// Migrations are history. These are the checksums of the SQL each engine ran for each migration: when one of them
/// changes, an applied migration was edited (write a new one instead), and databases that ran it will refuse to start.
@Suite struct MigrationTests {
    static let recorded: [Int: (sqlite: String, postgres: String)] = [
        1: ("a6c37d647222c68ac56d9f39425b6e3bbe49e816e5a7337e562b62b5e969c138", "b3c4b927eaf1835ab7156444809ab667f48a0101141e02b2970281e9d9f96ea3"),
        2: ("01019e7699d95ef4661c23a55b95c46ca15cb70206023d82a7f41ababeba574f", "2e9e7dc800d69d4d98bc7e6167fbd1050f53bf5591cdf1c670c4487923711ecd"),
        3: ("b52dffcd421caecc7d67a9bb0a17077f54444abfec7a7577194d42e926bb8d38", "b52dffcd421caecc7d67a9bb0a17077f54444abfec7a7577194d42e926bb8d38"),
        4: ("b1ca4877cc67dad4fb668c3bcfe4c76cd19a0a9f6846936670623bb13b37fd21", "b1ca4877cc67dad4fb668c3bcfe4c76cd19a0a9f6846936670623bb13b37fd21"),
        5: ("832250c60974188a3f2b783fc592c506a531530545ee2cdc0ae64e27ae5c0bc1", "832250c60974188a3f2b783fc592c506a531530545ee2cdc0ae64e27ae5c0bc1"),
        6: ("fdcf6cd83c88387cddb4622c3c11e8c4d1b43776b50ac3e574d5215a469f5207", "fdcf6cd83c88387cddb4622c3c11e8c4d1b43776b50ac3e574d5215a469f5207"),
        7: ("39cbfcd4d899cfc9052815247ed34b555c8f3dec71ece855125bbad809c95744", "39cbfcd4d899cfc9052815247ed34b555c8f3dec71ece855125bbad809c95744"),
        8: ("825bcdce7540d22ae6ac60c3f351e2095fe49863e4c22bf2c83b8fd011fc8ec3", "825bcdce7540d22ae6ac60c3f351e2095fe49863e4c22bf2c83b8fd011fc8ec3"),
        9: ("6b55f3105163d3e05dcc0e89d318472daef232a57bf141b627c632181e9ba43f", "6b55f3105163d3e05dcc0e89d318472daef232a57bf141b627c632181e9ba43f"),
    ]

    @Test func appliedMigrationsAreFrozen() throws {
        #expect(Migrations.all.map(\.id) == Array(1...Migrations.all.count), "numbered from 1 without gaps")
        for migration in Migrations.all {
            let recorded = try #require(Self.recorded[migration.id], "record the checksums of new migration \(migration.id) here")
            #expect(try migration.checksum(for: .sqlite) == recorded.sqlite, "migration \(migration.id) on SQLite was edited")
            #expect(try migration.checksum(for: .postgres) == recorded.postgres, "migration \(migration.id) on PostgreSQL was edited")
            #expect(!(try migration.note(for: .sqlite)).isEmpty)
        }
    }
}
