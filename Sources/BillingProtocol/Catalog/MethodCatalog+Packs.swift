extension MethodCatalog {
    public static let packFields = CreditPack.fields

    static let packs: [MethodDescriptor] = [PacksUpsert.descriptor, PacksList.descriptor]
}
