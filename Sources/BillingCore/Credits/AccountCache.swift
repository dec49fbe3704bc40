import BillingProtocol

/// The writer's own copy of the accounts that metered spending (consume, reserve, commit,
/// release) works on: balance, grants with credits left in spend order, the held reservations
/// with the credits each holds of which grant, and the live subscription with its plan. A
/// request whose account is here, with nothing due, is decided against this copy and stages its
/// effects in `PendingEffects` (no read, no savepoint, a share of a few bulk writes).
///
/// Every entry equals the books as they will be once the running batch's staged effects are
/// written, because:
/// - accounts are loaded inside the batch's transaction (`load`), on a shared store under a row
///   lock, and on a shared store forgotten when the batch ends;
/// - a fast consume updates its entry as it stages its effects, and nothing else changes the
///   account without going through the SQL path, which drops the entry (or all of them) first;
/// - a batch rolled back as a whole forgets everything;
/// - what becomes due with time alone (a grant's or a hold's expiry) sends the consume to the
///   SQL path, which settles it first.
/// Entries are dropped only between batches or by the SQL path after a flush, so an entry with
/// effects not yet written is never lost.
final class AccountCache: @unchecked Sendable {
    // @unchecked: used only on the writer thread (its units and the batch's begin/flush/end).

    /// A grant with credits left: how many, and when they expire (epoch ms, nil: never).
    struct LiveGrant: Sendable {
        let id: Int64
        var remaining: Int64
        let expiresAt: Int64?
    }

    /// What one piece of a spend took from a grant and left in it.
    struct Piece: Sendable {
        let grantID: Int64
        let amount: Int64
        let remaining: Int64
        /// The grant's expiry (epoch ms, nil: never), for a hold to give the piece back in order.
        let expiresAt: Int64?
    }

    struct Account: Sendable {
        var current: Int64
        /// Grants with credits left (expired ones too, until settled), soonest-expiring first
        /// (never-expiring last), then by id.
        var grants: [LiveGrant]
        /// The user's held reservations, by id.
        var held: [String: HeldReservation] = [:]
        let live: Subscription?
        let plan: Plan
        /// What `credits.get` answers for this account while it is settled (embedded store only:
        /// published as a `BalanceSnapshots` entry once durable); nil when not kept.
        var view: CreditBalance?

        /// The earliest instant (epoch ms) at which something of this account comes due with time
        /// alone: a grant with credits left expires, or a hold times out. nil: never.
        var dueAt: Int64? {
            (grants.compactMap(\.expiresAt) + held.values.map(\.expiresAt)).min()
        }

        /// Nothing of this account became due by `now` (no grant or hold past its expiry), so the
        /// stored state is already what settling at `now` would leave.
        func isSettled(at now: Timestamp) -> Bool {
            dueAt.map { now.milliseconds < $0 } ?? true
        }

        /// Takes `amount` (at most `current`) from the grants in spend order, to spend it or
        /// (`holding`) to hold it for a reservation. Throws, changing nothing, when the grants
        /// hold less than the balance says (damaged books).
        mutating func take(_ amount: Int64, user: String, holding: Bool = false) throws -> [Piece] {
            var left = amount
            var pieces: [Piece] = []
            for grant in grants where left > 0 {
                let piece = min(left, grant.remaining)
                pieces.append(Piece(grantID: grant.id, amount: piece, remaining: grant.remaining - piece, expiresAt: grant.expiresAt))
                left -= piece
            }
            guard left == 0, current >= amount else { throw LedgerInconsistency(user: user) }
            for (index, piece) in pieces.enumerated() { grants[index].remaining = piece.remaining }
            grants.removeAll { $0.remaining == 0 }
            current -= amount
            view = view?.spending(amount, pieces, holding: holding)
            return pieces
        }
    }

    /// Beyond this many accounts the cache starts over at the next batch.
    let capacity: Int
    private var accounts: [String: Account] = [:]
    /// Reservation id → holder, for every reservation held in a kept account (a commit or a
    /// release names only the reservation).
    private var holders: [String: String] = [:]

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func account(_ user: String) -> Account? { accounts[user] }

    /// The user holding reservation `id`, when that user's account is kept here.
    func holder(of id: String) -> String? { holders[id] }

    /// The one hold a spend made (a reserve) or ended (a commit, a release).
    enum HoldChange {
        case made(String)
        case ended(String)
    }

    /// Keeps `user`'s account. An account kept for the first time (loaded) has every hold indexed;
    /// a kept one changes its holds only one at a time, by the spend that names it in `hold`, so a
    /// consume costs the index nothing.
    func store(_ user: String, _ account: Account, hold: HoldChange? = nil) {
        switch hold {
        case .made(let id): holders[id] = user
        case .ended(let id): holders[id] = nil
        case nil: if accounts[user] == nil { for id in account.held.keys { holders[id] = user } }
        }
        accounts[user] = account
    }

    func remove(_ user: String) {
        guard let account = accounts.removeValue(forKey: user) else { return }
        for id in account.held.keys { holders[id] = nil }
    }

    /// Forgets everything: before a write that may change any account, or after a failed batch.
    func removeAll() {
        accounts.removeAll(keepingCapacity: true)
        holders.removeAll(keepingCapacity: true)
    }

    var count: Int { accounts.count }
}
