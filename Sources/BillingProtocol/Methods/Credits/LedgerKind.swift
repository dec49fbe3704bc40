/// What a ledger entry records (`credit_ledger.kind`).
public enum LedgerKind: String, Sendable, CaseIterable {
    case grant, consume, expire, reserve, release, revoke
}
