extension MethodCatalog {
    static let plans: [MethodDescriptor] = [PlansList.descriptor, PlansGet.descriptor, PlansUpsert.descriptor]
}
