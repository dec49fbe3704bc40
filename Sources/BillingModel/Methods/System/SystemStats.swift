/// `system.stats`: the daemon's own counters, answered by the server without the database.
public enum SystemStats: Command {
    public typealias Parameters = NoParameters
    public typealias Result = StatsReport
    public static let name = "system.stats"
    public static let access = MethodAccess.server
}
