import Synchronization

/// Tells this process's job workers that a transaction has just committed a job, so they run now rather than at their
/// next poll: a signer's code, the mail of a decision, the seal. Polling stays, for jobs queued by other nodes and
/// for jobs whose time comes.
public final class JobSignal: Sendable {
    private struct State {
        /// A notification no worker was waiting for: the next wait returns at once.
        var pending = false
        var nextToken: UInt64 = 0
        /// Each wait in progress, by token: present while it may still be woken; its continuation once it has one.
        /// A wait's entry is removed by whoever ends it (a notification, its timeout, its cancellation), so a
        /// continuation registered after that ending returns at once instead of waiting forever.
        var waits: [UInt64: CheckedContinuation<Void, Never>?] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// A job was committed: every waiting worker wakes, or, if none waits, the next wait returns at once.
    public func notify() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waits.isEmpty else {
                state.pending = true
                return []
            }
            defer { state.waits = [:] }
            return state.waits.values.compactMap { $0 }
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns after a notification, after `timeout`, or on cancellation, whichever comes first.
    public func wait(upTo timeout: Duration) async {
        let token = state.withLock { state -> UInt64? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextToken += 1
            state.waits[state.nextToken] = .some(nil)
            return state.nextToken
        }
        guard let token else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.end(token)
            }
            group.addTask {
                await withCheckedContinuation { continuation in
                    let ended = self.state.withLock { state -> Bool in
                        guard state.waits[token] != nil else { return true }
                        state.waits[token] = continuation
                        return false
                    }
                    if ended { continuation.resume() }
                }
            }
            await group.next()
            // The sleeper, cancelled, ends the wait if the notification did not.
            group.cancelAll()
            await group.waitForAll()
        }
    }

    private func end(_ token: UInt64) {
        let continuation = state.withLock { $0.waits.removeValue(forKey: token) }
        continuation??.resume()
    }
}
