/// Params that passed validation against a `MethodDescriptor`: present members have the
/// declared type, so handlers read them without re-checking.
public struct Params: Sendable {
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int64)
        case bool(Bool)
        case money(Money)
        case time(Timestamp)
        case json(JSONValue)
    }

    /// The request's params as sent (used for idempotency fingerprints).
    public let raw: JSONObject
    private let values: [String: Value]

    public init(raw: JSONObject, values: [String: Value]) {
        self.raw = raw
        self.values = values
    }

    public func has(_ name: String) -> Bool { values[name] != nil }

    public func string(_ name: String) -> String? {
        if case .string(let s)? = values[name] { return s }
        return nil
    }

    public func int(_ name: String) -> Int64? {
        if case .int(let v)? = values[name] { return v }
        return nil
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let v)? = values[name] { return v }
        return nil
    }

    public func money(_ name: String) -> Money? {
        if case .money(let v)? = values[name] { return v }
        return nil
    }

    public func time(_ name: String) -> Timestamp? {
        if case .time(let v)? = values[name] { return v }
        return nil
    }

    public func json(_ name: String) -> JSONValue? {
        if case .json(let v)? = values[name] { return v }
        return nil
    }

    /// Required members: the validator has already proved they are present.
    public func requiredString(_ name: String) -> String { string(name)! }
    public func requiredInt(_ name: String) -> Int64 { int(name)! }
}
