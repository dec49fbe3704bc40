/// Checks params against a method's declared `ParamSpec`s: unknown, missing, mistyped and
/// out-of-range members are all `-32602` with `data.field`, so a typo never passes silently.
public enum ParamValidator {
    public static func validate(_ raw: JSONObject, against method: MethodDescriptor) throws(RPCError) -> Params {
        var values: [String: Params.Value] = [:]
        var seen = Set<String>()
        for member in raw {
            guard seen.insert(member.key).inserted else {
                throw .invalidParams(field: member.key, "'\(member.key)' is given twice")
            }
            guard let spec = method.param(member.key) else {
                throw .invalidParams(field: member.key, "unknown parameter '\(member.key)' for \(method.name)")
            }
            if member.value == .null {
                if spec.required { throw .invalidParams(field: spec.name, "'\(spec.name)' is required") }
                continue
            }
            values[spec.name] = try convert(member.value, spec)
        }
        for spec in method.params where spec.required && values[spec.name] == nil {
            throw .invalidParams(field: spec.name, "'\(spec.name)' is required")
        }
        return Params(values: values)
    }

    static func convert(_ value: JSONValue, _ spec: ParamSpec) throws(RPCError) -> Params.Value {
        let field = spec.name
        func mistyped(_ expected: String) -> RPCError {
            .invalidParams(field: field, "'\(field)' must be \(expected), got \(value.typeName)")
        }
        switch spec.type {
        case .text(let maxBytes):
            guard case .string(let s) = value else { throw mistyped("a string") }
            guard s.utf8.count <= maxBytes else { throw .invalidParams(field: field, "'\(field)' is longer than \(maxBytes) bytes") }
            guard !s.utf8.contains(0) else { throw .invalidParams(field: field, "'\(field)' contains a NUL byte") }
            return .string(s)
        case .identifier:
            guard case .string(let s) = value else { throw mistyped("a string") }
            guard !s.isEmpty, s.utf8.count <= 255 else { throw .invalidParams(field: field, "'\(field)' must be 1 to 255 bytes") }
            guard !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw .invalidParams(field: field, "'\(field)' contains a control character")
            }
            return .string(s)
        case .planID:
            guard case .string(let s) = value else { throw mistyped("a string") }
            guard !s.isEmpty, s.utf8.count <= 50,
                s.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D })
            else { throw .invalidParams(field: field, "'\(field)' must be 1 to 50 characters of [a-z0-9_-]") }
            return .string(s)
        case .integer(let min, let max):
            guard case .number(let text) = value else { throw mistyped("an integer") }
            guard let v = Int64(text) else {
                if text.contains(".") || text.contains("e") || text.contains("E") {
                    throw .invalidParams(field: field, "'\(field)' must be a whole number")
                }
                throw .invalidParams(field: field, "'\(field)' is out of range (\(min)...\(max))")
            }
            guard v >= min, v <= max else { throw .invalidParams(field: field, "'\(field)' is out of range (\(min)...\(max))") }
            return .int(v)
        case .boolean:
            guard case .bool(let b) = value else { throw mistyped("a boolean") }
            return .bool(b)
        case .money(let scale, let min):
            let text: String
            switch value {
            case .string(let s): text = s
            case .number(let n): text = n
            default: throw mistyped("a decimal string or number")
            }
            let money: Money
            do {
                money = try Money(parsing: text, scale: scale)
            } catch .tooManyDecimals {
                throw .invalidParams(field: field, "'\(field)' has more than \(scale) decimals")
            } catch .outOfRange {
                throw .invalidParams(field: field, "'\(field)' is out of range")
            } catch {
                throw .invalidParams(field: field, "'\(field)' is not a decimal number")
            }
            guard money.minorUnits >= min else {
                throw .invalidParams(field: field, "'\(field)' must be at least \(Money(minorUnits: min, scale: scale))")
            }
            return .money(money)
        case .timestamp:
            guard case .string(let s) = value else { throw mistyped("an RFC 3339 string") }
            guard let t = Timestamp(rfc3339: s) else { throw .invalidParams(field: field, "'\(field)' is not an RFC 3339 time") }
            return .time(t)
        case .object:
            guard case .object = value else { throw mistyped("an object") }
            return .json(value)
        case .oneOf(let allowed):
            guard case .string(let s) = value else { throw mistyped("a string") }
            guard allowed.contains(s) else {
                throw .invalidParams(field: field, "'\(field)' must be one of \(allowed.joined(separator: ", "))")
            }
            return .string(s)
        case .any:
            return .json(value)
        }
    }
}
