/// A JSON document the domain keeps as it was given and never looks into: a plan's `features`,
/// a record's `metadata`, an audit row's `targets`. The wire layer makes it from a request's
/// member, the store from a column; the domain compares and stores the compact text whole.
public struct JSONText: Sendable, Hashable, CustomStringConvertible {
    /// Compact JSON, one line, members in the order they were given.
    public let text: String

    /// `text` must be compact JSON (the wire layer's or the store's): it is not checked here.
    public init(compact text: String) { self.text = text }

    public static let emptyObject = JSONText(compact: "{}")

    public var description: String { text }

    /// A member of an object the domain writes itself (what a webhook notes about its source).
    public enum Member: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case string(String)
        case int(Int64)
        case null

        public init(stringLiteral value: String) { self = .string(value) }
        public init(integerLiteral value: Int64) { self = .int(value) }
    }

    /// Members in order, written as a dictionary literal (`["field": "path", "limit": .int(n)]`).
    public struct Members: Sendable, Equatable, ExpressibleByDictionaryLiteral {
        public let pairs: [(key: String, value: Member)]

        public init(_ pairs: [(String, Member)]) { self.pairs = pairs.map { (key: $0.0, value: $0.1) } }
        public init(dictionaryLiteral elements: (String, Member)...) { self.init(elements) }

        public subscript(key: String) -> Member? { pairs.first { $0.key == key }?.value }

        public static func == (lhs: Members, rhs: Members) -> Bool {
            lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    /// A flat object of strings, integers and nulls, in the order given.
    public init(object members: Members) {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, (key, value)) in members.pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            switch value {
            case .string(let s): JSONText.appendString(s, to: &out)
            case .int(let n): out.append(contentsOf: String(n).utf8)
            case .null: out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        text = String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest as UTF-8.
    /// The wire layer's writer uses it too, so there is one escaping rule.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
