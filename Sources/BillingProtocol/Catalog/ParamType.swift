/// The type of one request parameter: what the validator accepts and what the catalog documents.
public enum ParamType: Sendable, Equatable {
    /// Free text, at most `maxBytes` UTF-8 bytes, no NUL.
    case text(maxBytes: Int)
    /// An id: 1 to 255 bytes, no control characters.
    case identifier
    /// A plan id: 1 to 50 bytes of `[a-z0-9_-]`.
    case planID
    /// A whole number in `min...max`.
    case integer(min: Int64, max: Int64)
    case boolean
    /// A decimal string or JSON number with at most `scale` decimals, in `min...` minor units.
    case money(scale: Int, min: Int64)
    /// An RFC 3339 time with any offset.
    case timestamp
    /// Any JSON object (stored as given).
    case object
    /// One of a fixed set of strings.
    case oneOf([String])
    /// Any JSON value (documented by the method).
    case any

    /// The short name the catalog shows.
    public var name: String {
        switch self {
        case .text: "string"
        case .identifier: "id"
        case .planID: "plan_id"
        case .integer: "integer"
        case .boolean: "boolean"
        case .money(let scale, _): "decimal(\(scale))"
        case .timestamp: "timestamp"
        case .object: "object"
        case .oneOf: "enum"
        case .any: "any"
        }
    }

    public var json: JSONValue {
        var object: JSONObject = ["type": .string(name)]
        switch self {
        case .text(let maxBytes): object["max_bytes"] = .int(maxBytes)
        case .identifier: object["max_bytes"] = 255
        case .planID: object["pattern"] = "^[a-z0-9_-]{1,50}$"
        case .integer(let min, let max):
            object["minimum"] = .int(min)
            object["maximum"] = .int(max)
        case .money(_, let min): object["minimum_minor_units"] = .int(min)
        case .oneOf(let values): object["values"] = .array(values.map { .string($0) })
        default: break
        }
        return .object(object)
    }
}
