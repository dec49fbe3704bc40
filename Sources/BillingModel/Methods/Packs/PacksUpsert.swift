/// `packs.upsert`: declares a Lemon Squeezy variant a one-off credit pack.
public enum PacksUpsert: Command {
    public typealias Result = CreditPack
    public static let name = "packs.upsert"
    public static let access = MethodAccess.write

    public struct Parameters: Sendable, Equatable {
        public var variantID: String
        public var credits: Int64
        /// Nil keeps the stored name.
        public var name: String?
        public var idempotencyKey: String?

        public init(variantID: String, credits: Int64, name: String? = nil, idempotencyKey: String? = nil) {
            self.variantID = variantID
            self.credits = credits
            self.name = name
            self.idempotencyKey = idempotencyKey
        }
    }
}
