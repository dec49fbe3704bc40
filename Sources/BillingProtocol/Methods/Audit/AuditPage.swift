/// The answer of `audit.list`: entries newest first, and the cursor of the next page.
public struct AuditPage: MethodResult, Equatable {
    public let entries: [AuditEntry]
    public let nextCursor: String?

    public init(entries: [AuditEntry], nextCursor: String?) {
        self.entries = entries
        self.nextCursor = nextCursor
    }

    public init(wire json: JSONValue) throws(RPCError) {
        var entries: [AuditEntry] = []
        for entry in try WireField.array(json["entries"], "entries") { entries.append(try AuditEntry(wire: entry)) }
        self.entries = entries
        nextCursor = try WireField.optionalString(json["next_cursor"], "next_cursor")
    }

    public var wire: JSONValue { .object(["entries": .array(entries.map(\.wire)), "next_cursor": WireField.wire(nextCursor)]) }
}
