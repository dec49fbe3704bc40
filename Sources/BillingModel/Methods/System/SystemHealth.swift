/// `system.health`: liveness and versions, answered by the server without the database.
public enum SystemHealth: Command {
    public typealias Result = Health
    public typealias Parameters = NoParameters
    public static let name = "system.health"
    public static let access = MethodAccess.server
}
