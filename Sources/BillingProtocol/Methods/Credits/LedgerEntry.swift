/// One `credit_ledger` row: one grant's change by one operation.
public struct LedgerEntry: Sendable, Equatable {
    public let entryID: String
    public let grantID: String
    public let delta: Int64
    public let balanceAfter: Int64
    public let kind: LedgerKind
    public let reference: String?
    public let createdAt: Timestamp

    public init(entryID: String, grantID: String, delta: Int64, balanceAfter: Int64, kind: LedgerKind, reference: String?,
                createdAt: Timestamp) {
        self.entryID = entryID
        self.grantID = grantID
        self.delta = delta
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.reference = reference
        self.createdAt = createdAt
    }

    init(wire json: JSONValue) throws(RPCError) {
        entryID = try WireField.string(json["entry_id"], "entry_id")
        grantID = try WireField.string(json["grant_id"], "grant_id")
        delta = try WireField.int(json["delta"], "delta")
        balanceAfter = try WireField.int(json["balance_after"], "balance_after")
        guard let kind = LedgerKind(rawValue: try WireField.string(json["kind"], "kind")) else {
            throw RPCError(.internalError, "unexpected answer: 'kind' is not a ledger kind")
        }
        self.kind = kind
        reference = try WireField.optionalString(json["reference"], "reference")
        guard let createdAt = try WireField.time(json["created_at"], "created_at") else {
            throw RPCError(.internalError, "unexpected answer: 'created_at' is null")
        }
        self.createdAt = createdAt
    }

    var wire: JSONValue {
        .object([
            "entry_id": .string(entryID), "grant_id": .string(grantID), "delta": .int(delta), "balance_after": .int(balanceAfter),
            "kind": .string(kind.rawValue), "reference": WireField.wire(reference), "created_at": .string(createdAt.rfc3339),
        ])
    }
}
