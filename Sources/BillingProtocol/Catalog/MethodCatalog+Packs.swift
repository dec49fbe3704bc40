extension MethodCatalog {
    static let packs: [MethodDescriptor] = [PacksUpsert.descriptor, PacksList.descriptor]
}
