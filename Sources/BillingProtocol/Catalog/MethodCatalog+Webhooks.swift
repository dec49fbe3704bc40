extension MethodCatalog {
    static let webhooks: [MethodDescriptor] = []
}
