/// `system.health`: liveness and versions, answered by the server without the database.
public enum SystemHealth: BillingMethod {
    public typealias Result = Health
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor(
        "system.health", "Liveness and versions.", access: .server, result: Health.fields)
}
