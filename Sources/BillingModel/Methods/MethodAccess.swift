/// Where a method runs: on the single writer (state changes), on a read connection, or
/// directly in the server without touching the database.
public enum MethodAccess: String, Sendable {
    case write, read, server
}
