import BillingProtocol

/// What `billingd archive` reads and changes: the rows it moves out, the carry-forward entries
/// that keep every total, and the `archives` record of each archive.
public protocol ArchiveRecords {
    /// Whether the archive `id` is recorded (its rows already left the database).
    func isRecorded(_ id: String) throws -> Bool

    /// At most `limit` ledger entries created before `cut`, numbered above `after`, in id order,
    /// each with its number.
    func ledgerRows(before cut: Timestamp, after: Int64, limit: Int64) throws -> [(id: Int64, entry: LedgerRow)]

    /// How many usage rows and ledger entries were created before `cut`.
    func counts(before cut: Timestamp) throws -> (usage: Int64, ledger: Int64)

    /// Replaces the ledger entries created before `cut` by one entry per grant and kind with
    /// their sum (created just before `cut`, with `reference`), so every balance, grant and
    /// per-kind total adds up as before. The ledger's append-only trigger is lifted for the
    /// delete alone, inside the caller's transaction. Returns the number of entries written.
    func carryLedgerForward(before cut: Timestamp, reference: String) throws -> Int

    func record(id: String, before: Timestamp, usageRows: Int64, ledgerRows: Int64, manifestSHA256: String, directory: String,
                at: Timestamp) throws
}
