/// The answer of `system.verify`: every problem found (none when the books balance).
public struct VerifyReport: MethodResult, Equatable {
    public let problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var ok: Bool { problems.isEmpty }

    public init(wire json: JSONValue) throws(RPCError) {
        var problems: [String] = []
        for problem in try WireField.array(json["problems"], "problems") { problems.append(try WireField.string(problem, "problems[]")) }
        self.problems = problems
    }

    public var wire: JSONValue { .object(["ok": .bool(ok), "problems": .array(problems.map { .string($0) })]) }
}
