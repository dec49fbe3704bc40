/// The answer of `packs.list`: every credit pack, by variant id.
public struct PackList: MethodResult, Equatable {
    public let packs: [CreditPack]

    public init(packs: [CreditPack]) { self.packs = packs }

    public init(wire json: JSONValue) throws(RPCError) {
        var packs: [CreditPack] = []
        for pack in try WireField.array(json["packs"], "packs") { packs.append(try CreditPack(wire: pack)) }
        self.packs = packs
    }

    public var wire: JSONValue { .object(["packs": .array(packs.map(\.wire))]) }
}
