/// FNV-1a (64 bits) over a row's column names and typed values: a cheap fingerprint for
/// `StoreCopier.compare`, not a security measure. Each value is tagged with its type and
/// length, so `("ab", "c")` and `("a", "bc")` differ.
struct RowHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        add(bytes: Array(text.utf8))
    }

    mutating func add(_ sqlValue: SQLValue) {
        switch sqlValue {
        case .null: add(bytes: [0])
        case .integer(let v):
            add(bytes: [1])
            withUnsafeBytes(of: v.littleEndian) { add(bytes: Array($0)) }
        case .text(let s):
            add(bytes: [2])
            add(s)
        case .blob(let b):
            add(bytes: [3])
            add(bytes: b)
        }
    }

    private mutating func add(bytes: [UInt8]) {
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { for byte in $0 { mix(byte) } }
        for byte in bytes { mix(byte) }
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }
}
