extension MethodCatalog {
    /// The plan object's members, shared by every method that returns a plan.
    public static let planFields = Plan.fields

    static let plans: [MethodDescriptor] = [PlansList.descriptor, PlansGet.descriptor, PlansUpsert.descriptor]
}
