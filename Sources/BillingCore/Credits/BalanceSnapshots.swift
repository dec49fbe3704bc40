import BillingProtocol
import Synchronization

/// Durable `credits.get` answers of hot accounts, so the read is answered on the event loop from
/// memory instead of through a reader connection (embedded store only: the single writer sees
/// every change).
///
/// A snapshot never shows a state that is not on disk, nor one older than an acknowledged change:
/// - the writer publishes an account's new view only once the batch that produced it is durable,
///   before that batch's answers leave (`PendingEffects.end(committed:)`);
/// - a write on the SQL path removes the account's snapshot (all of them when it names none)
///   before it runs, and bumps a generation, so a publish staged earlier for that account is
///   dropped instead of bringing an old view back;
/// - a view holds only while nothing of the account comes due with time alone (`validUntil`, the
///   earliest grant or hold expiry); from then on the read goes to a reader, which settles it.
final class BalanceSnapshots: Sendable {
    /// A durable view and the instant (epoch ms) from which it no longer holds; nil: never.
    struct Snapshot: Sendable {
        let view: CreditBalance
        let validUntil: Int64?
    }

    /// What a publish was staged against: the account's generation at staging time.
    struct Stamp: Sendable {
        fileprivate let epoch: UInt64
        fileprivate let generation: UInt64
    }

    private struct State {
        var snapshots: [String: Snapshot] = [:]
        /// Bumped per account by `invalidate(user)`; emptied when `epoch` moves.
        var generations: [String: UInt64] = [:]
        /// Bumped by `invalidate(nil)`: every earlier stamp is stale.
        var epoch: UInt64 = 0
        var hits: Int64 = 0
        /// Accounts a read asked the writer to load (`warm`), until published or changed.
        var warming: Set<String> = []
    }

    /// Beyond this many accounts the snapshots start over (dropping one is always safe).
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// The durable view of `user` at `now`, or nil (no snapshot, or something came due).
    func view(_ user: String, at now: Timestamp) -> CreditBalance? {
        state.withLock { state in
            guard let snapshot = state.snapshots[user], snapshot.validUntil.map({ now.milliseconds < $0 }) ?? true else { return nil }
            state.hits += 1
            return snapshot.view
        }
    }

    /// Reads answered from memory since start.
    var hits: Int64 { state.withLock { $0.hits } }

    func stamp(_ user: String) -> Stamp {
        state.withLock { Stamp(epoch: $0.epoch, generation: $0.generations[user] ?? 0) }
    }

    /// `user`'s state (every account's, for nil) is about to change on the SQL path.
    func invalidate(_ user: String?) {
        state.withLock { state in
            guard let user else {
                state.snapshots.removeAll(keepingCapacity: true)
                state.generations.removeAll(keepingCapacity: true)
                state.warming.removeAll(keepingCapacity: true)
                state.epoch += 1
                return
            }
            state.snapshots[user] = nil
            state.generations[user, default: 0] += 1
            state.warming.remove(user)
        }
    }

    /// True the first time a read misses `user` since its view was last published or changed:
    /// the caller then asks the writer to load the account (and so publish its view).
    func shouldWarm(_ user: String) -> Bool {
        state.withLock { state in
            if state.warming.count >= capacity { state.warming.removeAll(keepingCapacity: true) }
            return state.warming.insert(user).inserted
        }
    }

    /// Publishes views made durable by a batch, skipping any whose account changed since its stamp.
    func publish(_ views: [(user: String, snapshot: Snapshot, stamp: Stamp)]) {
        state.withLock { state in
            for (user, snapshot, stamp) in views where stamp.epoch == state.epoch && stamp.generation == state.generations[user] ?? 0 {
                if state.snapshots[user] == nil && state.snapshots.count >= capacity { state.snapshots.removeAll(keepingCapacity: true) }
                state.snapshots[user] = snapshot
                state.warming.remove(user)
            }
        }
    }
}
