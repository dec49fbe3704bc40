/// `system.verify`: checks every balance against its ledger and grants, totals, foreign keys
/// and SQLite's integrity check.
public enum SystemVerify: Command {
    public typealias Result = VerifyReport
    public typealias Parameters = NoParameters
    public static let name = "system.verify"
    public static let access = MethodAccess.read
}
