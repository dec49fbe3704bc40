/// `PackList` on the wire: its JSON both ways.
extension PackList: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        var packs: [CreditPack] = []
        for pack in try WireField.array(json["packs"], "packs") { packs.append(try CreditPack(wire: pack)) }
        self.init(packs: packs)
    }

    public var wire: JSONValue { .object(["packs": .array(packs.map(\.wire))]) }
}
