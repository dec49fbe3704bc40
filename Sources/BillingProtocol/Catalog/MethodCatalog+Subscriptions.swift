extension MethodCatalog {
    public static let subscriptionFields: [(String, String)] = [
        ("id", "subscription id"), ("subscription_id", "the same id"), ("user_id", "owner"), ("plan_id", "plan"),
        ("status", "trialing | active | past_due | paused | cancelled | expired"),
        ("current_period_start", "timestamp"), ("current_period_end", "timestamp"), ("cancel_at_period_end", "boolean"),
        ("lemon_squeezy_subscription_id", "string or null"), ("lemon_squeezy_customer_id", "string or null"),
        ("customer_portal_url", "Lemon Squeezy's signed customer-portal link from the newest subscription event, or null"),
        ("update_payment_method_url", "Lemon Squeezy's signed update-payment-method link from the newest subscription event, or null"),
        ("trial_start", "timestamp or null"), ("trial_end", "timestamp or null"), ("cancelled_at", "timestamp or null"),
        ("paused_at", "timestamp or null"), ("ended_at", "timestamp or null"), ("metadata", "object"),
        ("created_at", "timestamp"), ("updated_at", "timestamp"),
    ]

    static let subscriptionStatuses = ["trialing", "active", "past_due", "paused", "cancelled", "expired"]
    static let subscriptionID = ParamSpec.required("subscription_id", .identifier, "The subscription.")

    static let subscriptions: [MethodDescriptor] = [
        MethodDescriptor(
            "subscriptions.create", "Starts a subscription: trialing when trial_days > 0, else active; grants the plan's period credits.",
            access: .write,
            params: [
                .required("user_id", .identifier, "The user."), .required("plan_id", .planID, "An active plan."),
                .optional("trial_days", .integer(min: 0, max: 365), "Length of the trial (the first period)."),
                .optional("subscription_id", .identifier, "Your id for it; made up when omitted."),
                .optional("lemon_squeezy_subscription_id", .identifier, "Unique."),
                .optional("lemon_squeezy_customer_id", .identifier, "Lemon Squeezy customer."), .metadata,
            ],
            result: [("subscription", "the subscription"), ("credits", "the balance, as credits.get")],
            errors: ["not_found", "already_exists", "invalid_state"]),
        MethodDescriptor("subscriptions.get", "One subscription.", access: .read, params: [subscriptionID], result: subscriptionFields,
                         errors: ["not_found"]),
        MethodDescriptor("subscriptions.current", "The user's live subscription (trialing, active, past_due or paused).", access: .read,
                         params: [.required("user_id", .identifier, "The user.")], result: subscriptionFields, errors: ["not_found"]),
        MethodDescriptor(
            "subscriptions.list", "Subscriptions, newest first.", access: .read,
            params: [.optional("user_id", .identifier, "Only this user's."), .optional("status", .oneOf(subscriptionStatuses), "Only this status."),
                     .limit, .cursor],
            result: [("subscriptions", "[subscription]"), ("next_cursor", "string or null")]),
        MethodDescriptor(
            "subscriptions.cancel", "Cancels at the period end (default) or now; now expires the remaining period credits.", access: .write,
            params: [subscriptionID, .optional("at_period_end", .boolean, "Default true.")], result: subscriptionFields,
            errors: ["not_found", "invalid_state"]),
        MethodDescriptor("subscriptions.pause", "Pauses a trialing, active or past_due subscription; spending is then 1006.", access: .write,
                         params: [subscriptionID], result: subscriptionFields, errors: ["not_found", "invalid_state"]),
        MethodDescriptor("subscriptions.resume", "Resumes a paused subscription, or takes back a cancel-at-period-end.", access: .write,
                         params: [subscriptionID], result: subscriptionFields, errors: ["not_found", "invalid_state"]),
        MethodDescriptor(
            "subscriptions.change_plan", "Moves to another plan now: a new period starts on it (leftover period credits expire, the new plan's are granted).",
            access: .write, params: [subscriptionID, .required("plan_id", .planID, "The new, active plan.")], result: subscriptionFields,
            errors: ["not_found", "invalid_state"]),
        MethodDescriptor(
            "subscriptions.renew", "Starts the next period now: leftover period credits expire, a new period's credits are granted; status becomes active.",
            access: .write, params: [subscriptionID], result: subscriptionFields, errors: ["not_found", "invalid_state"]),
    ]
}
