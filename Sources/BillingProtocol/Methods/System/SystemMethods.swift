/// `system.methods`: the method catalog, from the same declarations as `Protocol/methods.json`.
public enum SystemMethods: BillingMethod {
    public typealias Parameters = NoParameters
    public typealias Result = MethodList

    public static let descriptor = MethodDescriptor(
        "system.methods", "This catalog: every method with its params, result and errors.", access: .server,
        result: [("methods", "[{name, description, access, params, result, errors}]")])
}
