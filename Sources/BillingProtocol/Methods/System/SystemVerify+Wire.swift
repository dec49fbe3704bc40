/// `system.verify` on the wire: its catalog entry.
extension SystemVerify: BillingMethod {
    public static let descriptor = MethodDescriptor(
        Self.self, "Checks every balance against its ledger and grants, totals, foreign keys and SQLite's integrity check.",
        result: [("ok", "true when problems is empty"), ("problems", "[string]")])
}
