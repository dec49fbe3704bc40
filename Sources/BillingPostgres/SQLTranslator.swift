/// Rewrites the domain's statements, written once in SQLite's flavour, for PostgreSQL:
/// SQLite's parameters `?` and `?N` become `$N` (a bare `?` takes one more than the largest
/// number so far, as in SQLite), and `wide_sum(x)` becomes `coalesce(sum(x), 0)`: PostgreSQL's
/// `sum` over `bigint` is already an exact `numeric`, but NULL over no rows where `wide_sum` gives
/// 0 (the verifier compares balances with it). String literals, quoted names, comments and
/// dollar-quoted bodies are copied untouched. PostgreSQL's extended protocol takes one statement
/// per query, so a script is also split at its top-level semicolons.
enum SQLTranslator {
    /// One statement, translated.
    static func translate(_ sql: String) -> String {
        scan(sql, split: false).first ?? ""
    }

    /// The non-empty statements of a script, each translated.
    static func statements(_ script: String) -> [String] {
        scan(script, split: true)
    }

    private static func scan(_ sql: String, split: Bool) -> [String] {
        let bytes = Array(sql.utf8)
        var statements: [String] = []
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var largest = 0
        var depth = 0
        /// The parenthesis depths at which a translated `wide_sum(` closes.
        var wideSums: [Int] = []
        var i = 0
        func copy(through end: Int) {
            let stop = min(end, bytes.count)
            out.append(contentsOf: bytes[i..<stop])
            i = stop
        }
        func finish() {
            let text = String(decoding: out, as: UTF8.self)
            if !text.allSatisfy(\.isWhitespace) { statements.append(text) }
            out.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A doubled quote inside is an escaped one: scanning on finds it as the next opening.
                var j = i + 1
                while j < bytes.count && bytes[j] != c { j += 1 }
                copy(through: j + 1)
            case UInt8(ascii: "-") where next(bytes, i) == UInt8(ascii: "-"):
                var j = i
                while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
                copy(through: j)
            case UInt8(ascii: "/") where next(bytes, i) == UInt8(ascii: "*"):
                var j = i + 2
                while j + 1 < bytes.count && !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
                copy(through: j + 2)
            case UInt8(ascii: "$"):
                if let tag = dollarTag(bytes, at: i) {
                    var j = i + tag.count
                    while j < bytes.count && !bytes[j...].starts(with: tag) { j += 1 }
                    copy(through: j + tag.count)
                } else {
                    copy(through: i + 1)
                }
            case UInt8(ascii: "?"):
                var j = i + 1
                var number = 0
                while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") {
                    number = number * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                    j += 1
                }
                let index = j > i + 1 ? number : largest + 1
                largest = max(largest, index)
                out.append(contentsOf: "$\(index)".utf8)
                i = j
            case UInt8(ascii: "w"), UInt8(ascii: "W"):
                if (i == 0 || !isWordByte(bytes[i - 1])) && startsCaseInsensitive(bytes, at: i, with: wideSum) {
                    out.append(contentsOf: "coalesce(sum(".utf8)
                    depth += 1
                    wideSums.append(depth)
                    i += wideSum.count
                } else {
                    copy(through: i + 1)
                }
            case UInt8(ascii: "("):
                depth += 1
                copy(through: i + 1)
            case UInt8(ascii: ")"):
                if wideSums.last == depth {
                    wideSums.removeLast()
                    out.append(contentsOf: "), 0)".utf8)
                    i += 1
                } else {
                    copy(through: i + 1)
                }
                depth -= 1
            case UInt8(ascii: ";") where split:
                i += 1
                finish()
            default:
                copy(through: i + 1)
            }
        }
        finish()
        return statements
    }

    private static let wideSum = Array("wide_sum(".utf8)

    private static func next(_ bytes: [UInt8], _ i: Int) -> UInt8? {
        i + 1 < bytes.count ? bytes[i + 1] : nil
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b >= 0x80
    }

    /// `$$` or `$tag$` opening a dollar-quoted string (not `$1`, a PostgreSQL parameter).
    private static func dollarTag(_ bytes: [UInt8], at i: Int) -> ArraySlice<UInt8>? {
        var j = i + 1
        if j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") { return nil }
        while j < bytes.count && isWordByte(bytes[j]) { j += 1 }
        guard j < bytes.count && bytes[j] == UInt8(ascii: "$") else { return nil }
        return bytes[i...j]
    }

    private static func startsCaseInsensitive(_ bytes: [UInt8], at i: Int, with word: [UInt8]) -> Bool {
        guard i + word.count <= bytes.count else { return false }
        for (offset, b) in word.enumerated() where bytes[i + offset] | 0x20 != b | 0x20 { return false }
        return true
    }
}
