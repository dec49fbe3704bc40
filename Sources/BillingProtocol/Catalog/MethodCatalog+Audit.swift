extension MethodCatalog {
    static let audit: [MethodDescriptor] = [AuditList.descriptor]
}
