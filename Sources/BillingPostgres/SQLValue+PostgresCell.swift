import BillingStore
import PostgresNIO

extension SQLValue {
    /// A result cell as the domain reads it from SQLite: integers (and booleans, as 0/1) as
    /// `.integer`; a `numeric` (what `sum` over `bigint` gives) as `.integer` when it is whole and
    /// fits 64 bits, else as `.text` with its exact digits, the form `Row.wide` reads; text, JSON
    /// and names as `.text`; `bytea` as `.blob`.
    init(_ cell: PostgresCell) throws {
        guard var bytes = cell.bytes else {
            self = .null
            return
        }
        guard cell.format == .binary else {
            self = .text(String(buffer: bytes))
            return
        }
        switch cell.dataType {
        case .int2: self = .integer(Int64(bytes.readInteger(as: Int16.self) ?? 0))
        case .int4: self = .integer(Int64(bytes.readInteger(as: Int32.self) ?? 0))
        case .int8: self = .integer(bytes.readInteger(as: Int64.self) ?? 0)
        case .oid: self = .integer(Int64(bytes.readInteger(as: UInt32.self) ?? 0))
        case .bool: self = .integer(bytes.readInteger(as: UInt8.self) == 0 ? 0 : 1)
        case .numeric: self = try SQLValue.numeric(&bytes, column: cell.columnName)
        case .text, .varchar, .bpchar, .name, .json, .unknown, .char: self = .text(String(buffer: bytes))
        case .jsonb:
            bytes.moveReaderIndex(forwardBy: 1)  // the jsonb format's version byte
            self = .text(String(buffer: bytes))
        case .bytea: self = .blob(Array(bytes.readableBytesView))
        default:
            throw PostgresError(sqlState: "0A000", message: "column \(cell.columnName) has type \(cell.dataType), which the store does not read")
        }
    }

    /// Decodes PostgreSQL's binary `numeric` (base-10000 digits with a weight) exactly.
    private static func numeric(_ bytes: inout ByteBuffer, column: String) throws -> SQLValue {
        guard let count = bytes.readInteger(as: Int16.self), let weight = bytes.readInteger(as: Int16.self),
              let sign = bytes.readInteger(as: UInt16.self), let scale = bytes.readInteger(as: Int16.self),
              let digits = bytes.readInts(Int(count))
        else { throw PostgresError(sqlState: "XX000", message: "column \(column): malformed numeric") }
        guard sign != 0xC000 else { return .text("NaN") }
        func digit(_ k: Int) -> Int16 { k >= 0 && k < digits.count ? digits[k] : 0 }
        func padded(_ d: Int16) -> String {
            let s = String(d)
            return String(repeating: "0", count: 4 - s.count) + s
        }
        var whole = ""
        if weight >= 0 {
            whole = String(digit(0))
            for k in stride(from: 1, through: Int(weight), by: 1) { whole += padded(digit(k)) }
        } else {
            whole = "0"
        }
        var fraction = ""
        if digits.count - 1 > Int(weight) {
            for f in 1...(digits.count - 1 - Int(weight)) { fraction += padded(digit(Int(weight) + f)) }
        }
        fraction = String(fraction.prefix(max(Int(scale), 0)))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let negative = sign == 0x4000 && (whole != "0" || !fraction.isEmpty)
        let text = (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
        if fraction.isEmpty, let value = Int64(text) { return .integer(value) }
        return .text(text)
    }
}

extension ByteBuffer {
    fileprivate mutating func readInts(_ count: Int) -> [Int16]? {
        guard count >= 0 else { return nil }
        var out: [Int16] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = readInteger(as: Int16.self) else { return nil }
            out.append(value)
        }
        return out
    }
}
