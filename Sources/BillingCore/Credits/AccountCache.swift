import BillingProtocol

/// The writer's own copy of the accounts `credits.consume` spends from: balance, live grants in
/// spend order, the earliest held reservation, and the live subscription with its plan. A
/// consume that finds its account here, with nothing due, checks against this copy and writes
/// only its changes: six to eight reads fewer per request than loading the account by SQL.
///
/// Sound only where this daemon is the single writer of the data (the embedded store; not
/// PostgreSQL, where other daemons write too). It stays equal to the stored state because:
/// - a consume's own changes are staged and kept only once its whole unit has succeeded
///   (`keepStaged`), and dropped when the unit is rolled back or is a dry run;
/// - every other kind of write, and every scheduler pass, empties the cache before it runs;
/// - a batch that fails as a whole empties it (`Writer.observeBatchFailures`);
/// - what becomes due with time alone (a grant's or a hold's expiry) sends the consume to the
///   SQL path, which settles it first.
/// Every entry always equals what is stored, so dropping any of them is always safe.
final class AccountCache: @unchecked Sendable {
    // @unchecked: used only on the writer thread (inside its units and its batch-failure callback).

    /// A live grant: credits left and when they expire (epoch ms, nil: never).
    struct LiveGrant: Sendable {
        let id: Int64
        var remaining: Int64
        let expiresAt: Int64?
    }

    struct Account: Sendable {
        var current: Int64
        /// Grants with credits left, soonest-expiring first (never-expiring last), then by id.
        var grants: [LiveGrant]
        /// The earliest `expires_at` of the user's held reservations.
        var nextReservationExpiry: Int64?
        let live: Subscription?
        let plan: Plan

        /// Nothing of this account became due by `now` (no grant or hold past its expiry), so the
        /// stored state is already what settling at `now` would leave.
        func isSettled(at now: Timestamp) -> Bool {
            let t = now.milliseconds
            if let hold = nextReservationExpiry, hold <= t { return false }
            return !grants.contains { $0.expiresAt.map { $0 <= t } ?? false }
        }

        /// The account after `parts` were taken from its grants and its balance became `balance`.
        mutating func spent(_ parts: [Ledger.Part], balance: Int64) {
            for part in parts {
                guard let index = grants.firstIndex(where: { $0.id == part.grantID }) else { continue }
                grants[index].remaining -= part.amount
            }
            grants.removeAll { $0.remaining == 0 }
            current = balance
        }
    }

    /// Beyond this many accounts the cache starts over (each entry is a few hundred bytes).
    let capacity: Int
    private var accounts: [String: Account] = [:]
    private var staged: [(user: String, account: Account)] = []

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func account(_ user: String) -> Account? { accounts[user] }

    /// Records `account` as `user`'s state once the running unit succeeds.
    func stage(_ user: String, _ account: Account) {
        staged.append((user, account))
    }

    /// The running unit succeeded: its staged states become the cache's.
    func keepStaged() {
        for (user, account) in staged {
            if accounts[user] == nil && accounts.count >= capacity { accounts.removeAll(keepingCapacity: true) }
            accounts[user] = account
        }
        staged.removeAll(keepingCapacity: true)
    }

    /// The running unit was rolled back (or was a dry run): nothing it staged happened.
    func dropStaged() {
        staged.removeAll(keepingCapacity: true)
    }

    /// Forgets everything: before a write that may change any account, or after a failed batch.
    func removeAll() {
        staged.removeAll(keepingCapacity: true)
        accounts.removeAll(keepingCapacity: true)
    }

    var count: Int { accounts.count }
}
