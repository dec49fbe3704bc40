/// `system.health` on the wire: its catalog entry.
extension SystemHealth: BillingMethod {
    public static let descriptor = MethodDescriptor(Self.self, "Liveness and versions.", result: Health.fields)
}
