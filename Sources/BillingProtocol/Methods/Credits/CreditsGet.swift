/// `credits.get`: the user's balance, totals, period and live grants.
public enum CreditsGet: BillingMethod {
    public typealias Result = CreditBalance

    public typealias Parameters = UserParameters

    public static let descriptor = MethodDescriptor(
        "credits.get", "The user's balance, totals, period and live grants.", access: .read,
        params: [.required("user_id", .identifier, "The user.")], result: CreditBalance.fields, errors: ["not_found"])
}
