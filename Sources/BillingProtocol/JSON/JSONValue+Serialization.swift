extension JSONValue {
    /// Compact JSON text, one line (no raw newlines can appear: they are escaped).
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(into: &out, sortedKeys: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// Compact JSON with object keys sorted: a canonical form for hashing params.
    public func canonical() -> String {
        var out: [UInt8] = []
        write(into: &out, sortedKeys: true)
        return String(decoding: out, as: UTF8.self)
    }

    public func write(into out: inout [UInt8], sortedKeys: Bool = false) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let members = sortedKeys ? object.members.sorted { $0.key < $1.key } : object.members
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Pretty JSON with two-space indents, for people (CLI output, generated docs).
    public func pretty(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { pad + $0.pretty(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closePad)]"
        case .object(let object) where !object.isEmpty:
            return "{\n"
                + object.members.map { pad + JSONValue.string($0.key).serialized() + ": " + $0.value.pretty(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closePad)}"
        default:
            return serialized()
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) { JSONText.appendString(s, to: &out) }
}
