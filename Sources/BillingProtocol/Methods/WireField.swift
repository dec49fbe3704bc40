/// Reads members of a wire object into typed values. A missing or mistyped member means the
/// two sides disagree about the contract: reported as an internal error naming the member.
public enum WireField {
    public static func int(_ value: JSONValue?, _ name: String) throws(RPCError) -> Int64 {
        guard let v = value?.int64Value else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not an integer") }
        return v
    }

    public static func string(_ value: JSONValue?, _ name: String) throws(RPCError) -> String {
        guard let v = value?.stringValue else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not a string") }
        return v
    }

    public static func optionalString(_ value: JSONValue?, _ name: String) throws(RPCError) -> String? {
        guard let value, value != .null else { return nil }
        return try string(value, name)
    }

    public static func bool(_ value: JSONValue?, _ name: String) throws(RPCError) -> Bool {
        guard let v = value?.boolValue else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not a boolean") }
        return v
    }

    public static func time(_ value: JSONValue?, _ name: String) throws(RPCError) -> Timestamp? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue, let t = Timestamp(rfc3339: text) else {
            throw RPCError(.internalError, "unexpected answer: '\(name)' is not a timestamp")
        }
        return t
    }

    public static func object(_ value: JSONValue?, _ name: String) throws(RPCError) -> JSONObject {
        guard let v = value?.objectValue else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not an object") }
        return v
    }

    public static func array(_ value: JSONValue?, _ name: String) throws(RPCError) -> [JSONValue] {
        guard let v = value?.arrayValue else { throw RPCError(.internalError, "unexpected answer: '\(name)' is not an array") }
        return v
    }

    /// A timestamp member as the wire writes it: RFC 3339, or null.
    public static func wire(_ time: Timestamp?) -> JSONValue { time.map { .string($0.rfc3339) } ?? .null }
    public static func wire(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
}

extension WireField {
    /// An exact integer sum that may pass 64 bits (`usage.summary`), written as its digits.
    public static func wide(_ value: JSONValue?, _ name: String) throws(RPCError) -> Int128 {
        guard case .number(let text)? = value, let v = Int128(text) else {
            throw RPCError(.internalError, "unexpected answer: '\(name)' is not an integer")
        }
        return v
    }

    public static func optionalInt(_ value: JSONValue?, _ name: String) throws(RPCError) -> Int64? {
        guard let value, value != .null else { return nil }
        return try int(value, name)
    }

    public static func optionalMoney(_ value: JSONValue?, scale: Int, _ name: String) throws(RPCError) -> Money? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue, let money = try? Money(parsing: text, scale: scale) else {
            throw RPCError(.internalError, "unexpected answer: '\(name)' is not a decimal string")
        }
        return money
    }

    public static func wire(_ value: Int64?) -> JSONValue { value.map { .int($0) } ?? .null }

    /// A timestamp member that is never null.
    public static func requiredTime(_ value: JSONValue?, _ name: String) throws(RPCError) -> Timestamp {
        guard let time = try time(value, name) else { throw RPCError(.internalError, "unexpected answer: '\(name)' is null") }
        return time
    }

    public static func money(_ value: JSONValue?, scale: Int, _ name: String) throws(RPCError) -> Money {
        guard let money = try optionalMoney(value, scale: scale, name) else {
            throw RPCError(.internalError, "unexpected answer: '\(name)' is null")
        }
        return money
    }

    /// An exact decimal string (`"12.34"`) of a sum that may pass 64 bits, as minor units of `scale`.
    public static func wideMoney(_ value: JSONValue?, scale: Int, _ name: String) throws(RPCError) -> Int128 {
        let failure = RPCError(.internalError, "unexpected answer: '\(name)' is not a decimal string")
        guard let text = value?.stringValue else { throw failure }
        let negative = text.hasPrefix("-")
        let parts = text.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == scale, parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let whole = Int128(String(parts[0])), let fraction = Int128(String(parts[1]))
        else { throw failure }
        var unit: Int128 = 1
        for _ in 0..<scale { unit *= 10 }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw failure }
        return negative ? -(scaled + fraction) : scaled + fraction
    }

    /// A count that may pass 64 bits, written as its digits (the inverse of `wide`).
    public static func wire(wide value: Int128) -> JSONValue { .number(String(value)) }
}
