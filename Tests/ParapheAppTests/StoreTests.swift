import Foundation
import NIOCore
import ParapheApp
import ParapheCore
import ParapheStore
import SQLKit
import Synchronization
import Testing
import ParapheServices

@Suite struct StoreTests {
    @Test func hexDigestMatchesTheStandardVectors() {
        #expect(SHA256Hex.of(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.of(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(arguments: TestEngine.all)
    func concurrentCreatesGetUniqueGapFreeReferences(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given 40 creates racing each other, a few of them invalid
            let references = try await withThrowingTaskGroup(of: String?.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let body = i % 10 == 9 ? #"{"title": "", "type": "msa"}"# : #"{"title": "Contrat \#(i)", "type": "msa"}"#
                        let r = try await app.call(.post, "/api/v1/contracts", as: i % 2 == 0 ? "sales" : "sales2", json: body)
                        return r.status == 201 ? r.json["reference"]?.string : nil
                    }
                }
                var refs: [String] = []
                for try await ref in group { if let ref { refs.append(ref) } }
                return refs
            }
            // then the 36 valid ones are numbered 1…36 with no gap and no double
            #expect(references.count == 36)
            #expect(Set(references) == Set((1...36).map { ContractReference(year: 2026, number: $0).description }))
        }
    }

    @Test(arguments: TestEngine.all)
    func tamperingWithTheAuditTrailIsDetected(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            var ids: [String] = []
            for i in 0..<4 {
                let id = try #require(try await app.createContract(title: "Contrat \(i)")["id"]?.string)
                for to in ["inReview", "negotiating"] {
                    _ = try await app.call(.post, "/api/v1/contracts/\(id)/transitions", as: "legal", json: #"{"to": "\#(to)"}"#)
                }
                ids.append(id)
            }
            func verdict(_ id: String) async throws -> String? {
                try await app.call(.get, "/api/v1/contracts/\(id)/verify", as: "legal").json["auditChain"]?.string
            }
            for id in ids { #expect(try await verdict(id) == "valid") }
            // when someone edits, deletes, reorders and truncates events directly in the database
            let targets = ids
            try await app.withServices { s in
                try await s.database.transaction { t in
                    try await t.sql.raw("UPDATE events SET reason = 'rien à signaler' WHERE contract_id = \(bind: targets[0]) AND sequence = 2").run()
                    try await t.sql.raw("DELETE FROM events WHERE contract_id = \(bind: targets[1]) AND sequence = 2").run()
                    try await t.sql.raw("UPDATE events SET sequence = 99 WHERE contract_id = \(bind: targets[2]) AND sequence = 2").run()
                    try await t.sql.raw("UPDATE events SET sequence = 2 WHERE contract_id = \(bind: targets[2]) AND sequence = 3").run()
                    try await t.sql.raw("UPDATE events SET sequence = 3 WHERE contract_id = \(bind: targets[2]) AND sequence = 99").run()
                    try await t.sql.raw("DELETE FROM events WHERE contract_id = \(bind: targets[3]) AND sequence = 4").run()
                }
            }
            // then each one is reported broken, by the API and by `paraphe audit verify`'s check
            for id in ids { #expect(try await verdict(id) == "broken", "\(id)") }
            let broken = try await app.withServices { s in
                try await s.database.verifyAuditChains().filter { !$0.1.isValid }.count
            }
            #expect(broken == 4)
        }
    }

    @Test(arguments: TestEngine.all)
    func failingJobsRetryWithBackoffThenDieAndCanBeReplayed(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let db = services.database
                let clock = app.clock
                let attempts = Mutex(0)
                let failing = JobHandler.on(Flaky.self) { _, _ in
                    attempts.withLock { $0 += 1 }
                    throw CancellationError()
                }
                let worker = JobWorker(database: db, handlers: [failing], name: "w1", clock: clock.closure, logger: TestDatabase.logger)
                try await db.transaction { try await $0.enqueue(Flaky(), runAt: clock.read(), now: clock.read(), maxAttempts: 3) }
                #expect(try await worker.runNext())
                // not due again until its backoff has passed
                #expect(try await worker.runNext() == false)
                clock.advance(Backoff.delay(afterAttempt: 1) + 1)
                #expect(try await worker.runNext())
                clock.advance(Backoff.delay(afterAttempt: 2) + 1)
                #expect(try await worker.runNext())
                clock.advance(3600)
                #expect(try await worker.runNext() == false)
                #expect(attempts.withLock { $0 } == 3)
                let dead = try await db.read { try await $0.jobs(state: .dead, limit: 10) }
                #expect(dead.count == 1)
                #expect(dead.first?.lastError?.isEmpty == false)
                // replay puts it back in the queue
                #expect(try await db.transaction { try await $0.replayJob(dead[0].id, now: clock.read()) })
                #expect(try await worker.runNext())
                #expect(attempts.withLock { $0 } == 4)
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func twoWorkersNeverRunTheSameJob(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let db = services.database
                let runs = Mutex<[String: Int]>([:])
                let handler = JobHandler.on(Count.self) { job, _ in
                    try await Task.sleep(for: .milliseconds(2))
                    runs.withLock { $0["\(job.number)", default: 0] += 1 }
                }
                let now = Date()
                try await db.transaction { s in
                    for i in 0..<60 { try await s.enqueue(Count(number: i), runAt: now, now: now) }
                }
                // two workers, as on two app nodes, each with its own connection pool when on Postgres
                let second = try await Database.open(app.config.database, logger: TestDatabase.logger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if db.engine == .postgres { group.addTask { try await second.run() } }
                    for (name, database) in [("node-a", db), ("node-b", second)] {
                        group.addTask {
                            let worker = JobWorker(database: database, handlers: [handler], name: name, clock: { Date() }, logger: TestDatabase.logger)
                            while try await worker.runNext() {}
                        }
                    }
                    try await group.next()
                    try await group.next()
                    group.cancelAll()
                }
                try await second.close()
                let counts = runs.withLock { $0 }
                #expect(counts.count == 60)
                #expect(counts.values.allSatisfy { $0 == 1 })
                #expect(try await db.read { try await $0.jobs(state: .done, limit: 100) }.count == 60)
            }
        }
    }

    /// A job committed in this process wakes the idle worker: it runs long before the next poll (an hour here), and a
    /// transaction that rolls back wakes nobody for nothing it left behind.
    @Test(arguments: TestEngine.all)
    func aCommittedJobWakesTheIdleWorker(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let db = services.database
                let ran = Mutex<[Int]>([])
                let handler = JobHandler.on(Count.self) { job, _ in ran.withLock { $0.append(job.number) } }
                let worker = JobWorker(database: db, handlers: [handler], clock: { Date() }, pollInterval: .seconds(3600), logger: TestDatabase.logger)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await worker.run() }
                    // the worker finds the queue empty and waits
                    try await Task.sleep(for: .milliseconds(300))
                    _ = try? await db.transaction { s -> Void in
                        try await s.enqueue(Count(number: 1), runAt: Date(), now: Date())
                        throw CancellationError()
                    }
                    try await db.transaction { try await $0.enqueue(Count(number: 2), runAt: Date(), now: Date()) }
                    for _ in 0..<100 where ran.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
                    group.cancelAll()
                }
                #expect(ran.withLock { $0 } == [2], "woken for the committed job, well before the hour's poll")
            }
        }
    }

    /// A worker stopped while it starts waiting, and two workers waiting on one signal: every wait ends. Before,
    /// a wait cancelled before it registered, or the first of two waiters, hung forever, and so did shutdown.
    @Test func everyWaitOnTheJobSignalEnds() async throws {
        final class Count: Sendable {
            let value = Mutex(0)
            func add() { value.withLock { $0 += 1 } }
            var now: Int { value.withLock { $0 } }
        }
        let signal = JobSignal()
        let ended = Count()
        // Unstructured, so that a wait that hangs fails the count below rather than hanging the test.
        for _ in 0..<300 {
            let task = Task {
                await signal.wait(upTo: .seconds(3600))
                ended.add()
            }
            task.cancel()
        }
        for _ in 0..<200 where ended.now < 300 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ended.now == 300, "cancelled waits return without a notification")

        for _ in 0..<2 {
            Task {
                await signal.wait(upTo: .seconds(3600))
                ended.add()
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        signal.notify()
        for _ in 0..<200 where ended.now < 302 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ended.now == 302, "one notification wakes both waiting workers")
    }

    @Test(arguments: TestEngine.all)
    func housekeepingIsEnqueuedOncePerPeriod(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            try await app.withServices { services in
                let db = services.database
                let ran = Mutex(0)
                let handler = JobHandler.on(Housekeeping.self) { _, _ in
                    try await db.housekeeping(now: app.clock.read())
                    ran.withLock { $0 += 1 }
                }
                let worker = JobWorker(database: db, handlers: [handler], clock: app.clock.closure, periodic: [(kind: Housekeeping.kind, every: 3600)],
                                       logger: TestDatabase.logger)
                for _ in 0..<3 {
                    try await worker.scheduleRecurring()
                    while try await worker.runNext() {}
                }
                #expect(ran.withLock { $0 } == 1)
                app.clock.advance(3600)
                try await worker.scheduleRecurring()
                while try await worker.runNext() {}
                #expect(ran.withLock { $0 } == 2)
            }
        }
    }
}

@Suite struct BroadSearchTests {
    @Test(arguments: TestEngine.all)
    func broadSearchesPageInOrderLikeNarrowOnes(engine: TestEngine) async throws {
        try await TestApp.run(engine) { app in
            // given more matches than the planner switch (2,000), with distinct update times
            let owner = app.users["sales"]!
            let start = app.clock.read()
            try await app.withServices { services in
                try await services.database.transaction { s in
                    for i in 0..<2100 {
                        let at = start.addingTimeInterval(Double(i))
                        let c = Contract(reference: ContractReference(year: 2026, number: i + 1), title: i % 3 == 0 ? "Maintenance \(i)" : "Licence \(i)",
                                         type: "msa", counterpartyId: nil, ownerId: owner.id, createdAt: at, updatedAt: at)
                        try await s.insertContract(c)
                        try await s.index(c, counterpartyName: nil, documentText: [], isNew: true)
                    }
                }
            }
            // when a broad term is searched, page by page
            var titles: [String] = []
            var cursor: String?
            for _ in 0..<3 {
                let page = try await app.call(.get, "/api/v1/contracts?q=licence&limit=50" + (cursor.map { "&cursor=\($0)" } ?? ""), as: "sales").json
                titles += page["items"]?.array?.compactMap { $0["title"]?.string } ?? []
                cursor = page["nextCursor"]?.string
            }
            // then pages follow the last change, newest first, with no gap or repeat
            let expected = (0..<2100).reversed().filter { $0 % 3 != 0 }.prefix(150).map { "Licence \($0)" }
            #expect(titles == Array(expected))
            let narrow = try await app.call(.get, "/api/v1/contracts?q=maintenance%202097", as: "sales").json["items"]?.array?.compactMap { $0["title"]?.string }
            #expect(narrow == ["Maintenance 2097"])
        }
    }
}

/// Job payloads of the tests' own.
struct Flaky: JobPayload {
    static let kind = JobKind(rawValue: "test.flaky")
}

struct Count: JobPayload {
    static let kind = JobKind(rawValue: "test.count")
    var number: Int
}
