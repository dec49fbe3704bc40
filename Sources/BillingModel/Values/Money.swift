/// An exact decimal amount held as an integer count of minor units (`scale` digits after
/// the point): cents for prices and payments, micro-dollars for `cost_usd`.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Digits after the point for prices and payment amounts.
    public static let priceScale = 2
    /// Digits after the point for `cost_usd`.
    public static let costScale = 6

    public let minorUnits: Int64
    public let scale: Int

    public init(minorUnits: Int64, scale: Int) {
        self.minorUnits = minorUnits
        self.scale = scale
    }

    public enum ParseError: Error, Sendable, Equatable {
        case notDecimal
        case tooManyDecimals(Int)
        case outOfRange
    }

    /// Parses `"9.99"`, `9.99`, `10`, `"1e-3"` exactly. Trailing zeros past `scale` are fine
    /// (the value is still exact); any other digit past `scale` is an error, never rounded.
    public init(parsing text: String, scale: Int) throws(ParseError) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var sawPoint = false
        var exponent = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint, !digits.isEmpty {
                sawPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                // A range check, not `abs(e) < 100`: `abs` traps on `Int.min` ("1e-9223372036854775808").
                guard let e = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)), (-99...99).contains(e) else {
                    throw .notDecimal
                }
                exponent = e
                index = bytes.endIndex
                break
            } else {
                throw .notDecimal
            }
            index += 1
        }
        guard !digits.isEmpty, !(sawPoint && fractionDigits == 0) else { throw .notDecimal }
        // value = digits * 10^(exponent - fractionDigits); we want digits * 10^(scale + exponent - fractionDigits)
        var shift = scale + exponent - fractionDigits
        while shift < 0 {
            guard let last = digits.last else { break }
            guard last == 0 else { throw .tooManyDecimals(fractionDigits - exponent) }
            digits.removeLast()
            shift += 1
        }
        var value: Int64 = 0
        for digit in digits + Array(repeating: 0, count: max(shift, 0)) {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw .outOfRange }
            value = sum
        }
        self.init(minorUnits: negative ? -value : value, scale: scale)
    }

    /// `"9.99"`, `"-0.50"`, `"0.001000"`: always exactly `scale` decimals.
    public var description: String { Money.text(minorUnits: Int128(minorUnits), scale: scale) }

    /// The same text for a count of minor units wider than 64 bits: an exact sum of many
    /// amounts (`usage.summary` over every user) may pass `Int64.max`, and is still written exactly.
    public static func text(minorUnits: Int128, scale: Int) -> String {
        let magnitude = minorUnits.magnitude
        var divisor: UInt128 = 1
        for _ in 0..<scale { divisor *= 10 }
        let whole = magnitude / divisor
        let fraction = magnitude % divisor
        let sign = minorUnits < 0 ? "-" : ""
        guard scale > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: scale - fractionText.count))\(fractionText)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }
}
