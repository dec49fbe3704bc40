/// `system.verify`: checks every balance against its ledger and grants, totals, foreign keys
/// and SQLite's integrity check.
public enum SystemVerify: BillingMethod {
    public typealias Result = VerifyReport
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor(
        "system.verify", "Checks every balance against its ledger and grants, totals, foreign keys and SQLite's integrity check.",
        access: .read, result: [("ok", "true when problems is empty"), ("problems", "[string]")])
}
