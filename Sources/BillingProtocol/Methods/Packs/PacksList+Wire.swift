/// `packs.list` on the wire: its catalog entry.
extension PacksList: BillingMethod {
    public static let descriptor = MethodDescriptor(Self.self, "Every credit pack, by variant_id.", result: [("packs", "[pack]")])
}
