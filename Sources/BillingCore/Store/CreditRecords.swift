import BillingProtocol

/// The stored credit books: accounts (`user_credits`), grants (`credit_grants`), the ledger
/// (`credit_ledger`) and reservations with their parts. The domain (`Ledger`, `Reservations`,
/// `Balance`, `AccountCache`) decides every change and keeps balance = Σ live grants = Σ ledger
/// deltas; the store finds and writes rows, in the statements that keep its indexes in use.
public protocol CreditRecords {
    // MARK: Accounts

    /// Creates the user's account with nothing in it, unless it exists.
    func ensureAccount(_ user: String, at: Timestamp) throws

    func account(_ user: String) throws -> CreditAccount?

    /// The spendable balance (0 without an account).
    func balance(_ user: String) throws -> Int64

    func change(_ user: String, by delta: AccountDelta, at: Timestamp) throws

    /// The balances of those of `users` that have an account, by user; with `lock` (a shared
    /// store) their rows are locked in user order until the transaction ends.
    func balances(_ users: [String], lock: Bool) throws -> [(user: String, current: Int64)]

    // MARK: Grants

    /// Adds a grant with all of `amount` left; returns its id.
    func insertGrant(user: String, source: String, amount: Int64, expiresAt: Timestamp?, subscriptionID: String?, paymentID: String?,
                     description: String?, at: Timestamp) throws -> Int64

    /// Adds `delta` to what is left in a grant (negative: takes from it).
    func addToGrant(_ id: Int64, _ delta: Int64) throws

    /// Leaves nothing in a grant (it expired).
    func writeOffGrant(_ id: Int64) throws

    /// The user's grants with credits left that have not expired at `now`, in spend order.
    func liveGrants(_ user: String, at now: Timestamp) throws -> [StoredGrant]

    /// The grants with credits left of those of `users`, expired or not, by user in spend order.
    func grantsWithCredits(_ users: [String]) throws -> [StoredGrant]

    /// Grants past `expires_at` with credits left: one user's, soonest first, or everyone's
    /// (nil), by user then soonest.
    func dueGrants(user: String?, at now: Timestamp) throws -> [StoredGrant]

    /// The grants a payment funded, with what is left of each, by id.
    func grants(ofPayment paymentID: String) throws -> [(id: Int64, remaining: Int64)]

    /// Makes the subscription's period grants expire at `now` (it ended early).
    func expirePeriodGrants(subscriptionID: String, at now: Timestamp) throws

    /// Credits left in the user's grants past `expires_at` (the next sweep writes them off).
    func pendingExpiry(_ user: String, at now: Timestamp) throws -> Int64

    /// The grants `credits.get` lists: not expired at `now`, with credits left or held by a
    /// reservation, in spend order.
    func shownGrants(_ user: String, at now: Timestamp) throws -> [ShownGrant]

    // MARK: Ledger

    func append(_ entries: [LedgerRow]) throws

    /// At most `limit` of the user's entries numbered below `before` (from the newest when nil), newest first.
    func ledger(_ user: String, before: Int64?, limit: Int64) throws -> [LedgerEntry]

    // MARK: Reservations

    func reservation(_ id: String) throws -> StoredReservation?

    /// The user who holds the reservation (nil: no such reservation).
    func reservationOwner(_ id: String) throws -> String?

    /// What the reservation holds of which grant, in the order credits are spent.
    func parts(ofReservation id: String) throws -> [HeldPart]

    func insert(_ reservation: ReservationRow) throws

    func end(_ end: ReservationEnd) throws

    /// What held reservations hold of one grant, with each reservation's whole amount.
    func heldParts(ofGrant id: Int64) throws -> [(reservationID: String, amount: Int64, total: Int64)]

    func removePart(reservationID: String, grantID: Int64) throws

    /// Holds `amount` less in the reservation.
    func shrinkReservation(_ id: String, by amount: Int64, at: Timestamp) throws

    /// Held reservations past `expires_at`: one user's, or everyone's (nil).
    func dueReservations(user: String?, at now: Timestamp) throws -> [String]

    /// The parts of the user's held reservations past `expires_at`.
    func timedOutParts(_ user: String, at now: Timestamp) throws -> [HeldPart]

    /// The held reservations of `users`, with their parts.
    func heldReservations(_ users: [String]) throws -> [HeldReservationRow]
}
