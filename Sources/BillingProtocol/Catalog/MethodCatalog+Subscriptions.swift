extension MethodCatalog {
    static let subscriptions: [MethodDescriptor] = [
        SubscriptionsCreate.descriptor, SubscriptionsGet.descriptor, SubscriptionsCurrent.descriptor, SubscriptionsList.descriptor,
        SubscriptionsCancel.descriptor, SubscriptionsPause.descriptor, SubscriptionsResume.descriptor, SubscriptionsChangePlan.descriptor,
        SubscriptionsRenew.descriptor,
    ]
}

extension ParamSpec {
    static let subscriptionID = ParamSpec.required("subscription_id", .identifier, "The subscription.")
}
