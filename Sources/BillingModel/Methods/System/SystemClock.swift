/// `system.clock`: the daemon's current time, answered by the server.
public enum SystemClock: Command {
    public typealias Result = ClockReading
    public typealias Parameters = NoParameters
    public static let name = "system.clock"
    public static let access = MethodAccess.server
}
