/// `entitlements.get`: the user's live plan, subscription status, features and limits.
public enum EntitlementsGet: BillingMethod {
    public typealias Result = Entitlements
    public typealias Parameters = UserParameters

    public static let descriptor = MethodDescriptor(
        "entitlements.get", "The user's live plan, subscription status, features and limits (the free plan when none).",
        access: .read, params: [.required("user_id", .identifier, "The user.")], result: Entitlements.fields)
}
