/// `VerifyReport` on the wire: its JSON both ways.
extension VerifyReport: MethodResult {
    public init(wire json: JSONValue) throws(RPCError) {
        var problems: [String] = []
        for problem in try WireField.array(json["problems"], "problems") { problems.append(try WireField.string(problem, "problems[]")) }
        self.init(problems: problems)
    }

    public var wire: JSONValue { .object(["ok": .bool(ok), "problems": .array(problems.map { .string($0) })]) }
}
