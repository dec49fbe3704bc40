/// What the generator sends, written straight into a byte buffer (no JSON library on the hot
/// path, so the generator costs the machine as little as possible).
enum RequestKind: UInt8 {
    case consume, get, reserve, commit, health, grant

    var method: StaticString {
        switch self {
        case .consume: "credits.consume"
        case .get: "credits.get"
        case .reserve: "credits.reserve"
        case .commit: "credits.commit"
        case .health: "system.health"
        case .grant: "credits.grant"
        }
    }

    var isWrite: Bool { self == .consume || self == .reserve || self == .commit || self == .grant }
}

enum WireFormat {
    @inline(__always)
    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    @inline(__always)
    static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                     UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[count] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(raw[i]) }
        }
    }

    /// One request line: `{"jsonrpc":"2.0","id":ID,"method":M,"params":{...}}\n`.
    static func appendRequest(_ kind: RequestKind, id: UInt64, user: Int, userPrefix: [UInt8], amount: Int64,
                              reservation: ArraySlice<UInt8>?, idempotencyKey: (run: [UInt8], thread: Int, sequence: UInt64)?,
                              to out: inout [UInt8]) {
        append("{\"jsonrpc\":\"2.0\",\"id\":", to: &out)
        appendDecimal(id, to: &out)
        append(",\"method\":\"", to: &out)
        append(kind.method, to: &out)
        append("\",\"params\":{", to: &out)
        switch kind {
        case .health:
            break
        case .commit:
            append("\"reservation_id\":\"", to: &out)
            if let reservation { out.append(contentsOf: reservation) }
            out.append(UInt8(ascii: "\""))
        case .consume, .get, .reserve, .grant:
            append("\"user_id\":\"", to: &out)
            out.append(contentsOf: userPrefix)
            appendDecimal(UInt64(user), to: &out)
            out.append(UInt8(ascii: "\""))
            if kind != .get {
                append(",\"amount\":", to: &out)
                appendDecimal(UInt64(amount), to: &out)
            }
            if kind == .grant { append(",\"source\":\"adjustment\"", to: &out) }
        }
        if let key = idempotencyKey, kind.isWrite {
            append(",\"idempotency_key\":\"", to: &out)
            out.append(contentsOf: key.run)
            out.append(UInt8(ascii: "-"))
            appendDecimal(UInt64(key.thread), to: &out)
            out.append(UInt8(ascii: "-"))
            appendDecimal(key.sequence, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        append("}}\n", to: &out)
    }
}

/// Reads just enough of a response line: its numeric id, whether it is an error and of which
/// `data.type`, and (for `credits.reserve`) the reservation id. The daemon writes members in a
/// fixed order (`jsonrpc`, `id`, `result`/`error`), so a scan is enough.
struct ScannedResponse {
    var id: UInt64? = nil
    var isError = false
    var errorType: Substring? = nil
    var reservationID: Range<Int>? = nil
}

enum ResponseScanner {
    static let idKey = Array("\"id\":".utf8)
    static let errorKey = Array("\"error\":".utf8)
    static let typeKey = Array("\"type\":\"".utf8)
    static let reservationKey = Array("\"reservation_id\":\"".utf8)

    static func scan(_ line: UnsafeBufferPointer<UInt8>, wantReservation: Bool) -> ScannedResponse {
        var result = ScannedResponse()
        var position = 0
        if let at = find(idKey, in: line, from: 0) {
            var i = at + idKey.count
            var value: UInt64 = 0
            var any = false
            while i < line.count, line[i] >= 0x30, line[i] <= 0x39 {
                value = value &* 10 &+ UInt64(line[i] &- 0x30)
                i += 1
                any = true
            }
            if any { result.id = value }
            position = i
        }
        // Right after the id comes `,"result":` or `,"error":`.
        if position + 1 + errorKey.count <= line.count, line[position] == UInt8(ascii: ","),
            matches(errorKey, in: line, at: position + 1)
        {
            result.isError = true
            if let at = find(typeKey, in: line, from: position) {
                let start = at + typeKey.count
                var end = start
                while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
                result.errorType = Substring(String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self))
            } else {
                result.errorType = "unknown_error"
            }
        } else if wantReservation, let at = find(reservationKey, in: line, from: position) {
            let start = at + reservationKey.count
            var end = start
            while end < line.count, line[end] != UInt8(ascii: "\"") { end += 1 }
            result.reservationID = start..<end
        }
        return result
    }

    @inline(__always)
    static func matches(_ needle: [UInt8], in line: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + needle.count <= line.count else { return false }
        for j in 0..<needle.count where line[offset + j] != needle[j] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in line: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = needle.first, line.count >= needle.count else { return nil }
        var i = from
        let last = line.count - needle.count
        while i <= last {
            if line[i] == first, matches(needle, in: line, at: i) { return i }
            i += 1
        }
        return nil
    }
}
