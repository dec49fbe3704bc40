extension MethodCatalog {
    static let ratelimit: [MethodDescriptor] = [RateLimitCheck.descriptor]
}
