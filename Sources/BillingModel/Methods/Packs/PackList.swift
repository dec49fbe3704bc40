/// The answer of `packs.list`: every credit pack, by variant id.
public struct PackList: Sendable, Equatable {
    public let packs: [CreditPack]

    public init(packs: [CreditPack]) { self.packs = packs }
}
