import Foundation
import ParapheApp
@testable import ParapheStore
import SQLKit
import Testing
import ParapheServices

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
        10: ("ef883ea36647ec81a4eee3111ab88fa294e6d507aea2bddca333c9e13435ac37", "ef883ea36647ec81a4eee3111ab88fa294e6d507aea2bddca333c9e13435ac37"),
        11: ("709de566237905027e5f8f9f3ab26c3bf3dcc5190a75922283d5dc3556136ed7", "709de566237905027e5f8f9f3ab26c3bf3dcc5190a75922283d5dc3556136ed7"),
        12: ("c75969f85b789a4ea968dd8ceb9eb8acf143dc144825e8ef044383a2b576fe66", "c75969f85b789a4ea968dd8ceb9eb8acf143dc144825e8ef044383a2b576fe66"),
        13: ("31bf752f431a50615cd9a10f71be066cb4134f23d53616c9ff7f0dfe766fd4ff", "31bf752f431a50615cd9a10f71be066cb4134f23d53616c9ff7f0dfe766fd4ff"),
        14: ("a212a940e884ba04f701c9f4bd1c5c5d460c07d2d0d238e3ef5fe232c20f48e9", "a212a940e884ba04f701c9f4bd1c5c5d460c07d2d0d238e3ef5fe232c20f48e9"),
        15: ("7f2259d4772633f1119861088cf6bbeecf7294c8e058f1de7df191edd6f01f09", "7f2259d4772633f1119861088cf6bbeecf7294c8e058f1de7df191edd6f01f09"),
        16: ("9eb816e613db07a2c60c773e6c31b252a4b332a93a7114b02f7c9e982ea98779", "9eb816e613db07a2c60c773e6c31b252a4b332a93a7114b02f7c9e982ea98779"),
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

    @Test(arguments: TestEngine.all)
    func aDatabaseWhoseAppliedMigrationsDifferIsRefused(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let db = services.database
                // a database from before checksums were kept (no column at all) gets the column and adopts the current ones
                try await db.transaction { try await $0.exec("ALTER TABLE schema_migrations DROP COLUMN checksum") }
                #expect(try await db.migrate().isEmpty)
                let adopted = try await db.read { try await $0.sql.raw("SELECT checksum FROM schema_migrations WHERE id = 1").first() }
                #expect(try adopted?.decode(column: "checksum", as: String.self) == (try Migrations.all[0].checksum(for: db.engine)))
                // an applied migration that is not this build's is refused at start, naming it
                try await db.transaction { try await $0.exec("UPDATE schema_migrations SET checksum = 'edited' WHERE id = 3") }
                await #expect(throws: MigrationMismatch.self) { try await db.migrate() }
                do {
                    try await db.checkApplied()
                    Issue.record("an edited migration was accepted")
                } catch let mismatch as MigrationMismatch {
                    #expect(mismatch.changed == [3])
                    #expect(mismatch.description.contains("refusing to start"))
                }
                // a blanked checksum is no way round it
                try await db.transaction { try await $0.exec("UPDATE schema_migrations SET checksum = NULL WHERE id = 3") }
                await #expect(throws: MigrationMismatch.self) { try await db.migrate() }
                // and so is one applied by a newer build
                try await db.transaction {
                    try await $0.exec("UPDATE schema_migrations SET checksum = \(bind: try Migrations.all[2].checksum(for: db.engine)) WHERE id = 3")
                }
                try await db.transaction {
                    try await $0.exec("INSERT INTO schema_migrations (id, note, applied_at, checksum) VALUES (99, 'future', '2030-01-01T00:00:00.000Z', 'x')")
                }
                do {
                    try await db.checkApplied()
                    Issue.record("a migration from a newer build was accepted")
                } catch let mismatch as MigrationMismatch {
                    #expect(mismatch.unknown == [99])
                }
            }
        }
    }

    @Test func statementsSplitOutsideFunctionBodies() {
        let sql = """
            -- a note
            CREATE TABLE a (x TEXT);

            DO $$ BEGIN
              IF 1 = 1 THEN PERFORM 1; END IF;
            END $$;
            INSERT INTO a VALUES ('--; not a comment');
            """
        #expect(MigrationSQL.statements(in: sql) == ["CREATE TABLE a (x TEXT)", "DO $$ BEGIN\n  IF 1 = 1 THEN PERFORM 1; END IF;\nEND $$",
                                                    "INSERT INTO a VALUES ('--; not a comment')"])
    }
}
