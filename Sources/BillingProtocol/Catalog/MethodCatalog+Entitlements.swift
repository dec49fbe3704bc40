extension MethodCatalog {
    static let entitlements: [MethodDescriptor] = [EntitlementsGet.descriptor]
}
