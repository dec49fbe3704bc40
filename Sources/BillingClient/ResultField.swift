import BillingProtocol

/// Reads members of a result; a missing or mistyped member means the daemon and this client
/// disagree about the contract, reported as an internal error naming the member.
enum ResultField {
    static func int(_ value: JSONValue?, _ name: String) throws -> Int64 {
        guard let v = value?.int64Value else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not an integer") }
        return v
    }

    static func string(_ value: JSONValue?, _ name: String) throws -> String {
        guard let v = value?.stringValue else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not a string") }
        return v
    }

    static func time(_ value: JSONValue?, _ name: String) throws -> Timestamp? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue, let t = Timestamp(rfc3339: text) else {
            throw RPCError(.internalError, "unexpected answer: '\(name)' is not a timestamp")
        }
        return t
    }
}
