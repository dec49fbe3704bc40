/// `packs.list`: every credit pack.
public enum PacksList: BillingMethod {
    public typealias Result = PackList
    public typealias Parameters = NoParameters

    public static let descriptor = MethodDescriptor("packs.list", "Every credit pack, by variant_id.", access: .read, result: [("packs", "[pack]")])
}
