extension MethodCatalog {
    /// A usage row's members, as usage.list and exports show them.
    public static let usageRowFields = UsageRecord.fieldNames

    static let usage: [MethodDescriptor] = [UsageList.descriptor, UsageSummarize.descriptor]
}
