extension MethodCatalog {
    static let webhooks: [MethodDescriptor] = [WebhooksLemonSqueezy.descriptor]
}
