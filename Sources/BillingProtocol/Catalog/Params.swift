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

    private let values: [String: Value]

    public init(values: [String: Value]) {
        self.values = values
    }

    public func has(_ name: String) -> Bool { values[name] != nil }

    /// The validated values in one canonical JSON text, `except` some members: `9.99` and
    /// `"9.990"`, `"…+02:00"` and the same instant in `Z`, an explicit null and an omitted
    /// member all give the same text. Idempotency compares requests with it.
    public func fingerprint(except excluded: Set<String>) -> String {
        var object = JSONObject()
        for name in values.keys.sorted() where !excluded.contains(name) { object[name] = json(of: values[name]!) }
        return JSONValue.object(object).canonical()
    }

    /// A validated value in its canonical wire form.
    private func json(of value: Value) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .int(let v): .int(v)
        case .bool(let b): .bool(b)
        case .money(let m): .string(m.description)
        case .time(let t): .string(t.rfc3339)
        case .json(let j): j
        }
    }

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
