import Testing
@testable import BillingProtocol

@Suite struct MoneyTests {
    @Test(arguments: [
        ("9.99", 2, Int64(999)), ("10", 2, 1000), ("0.5", 2, 50), ("9.990", 2, 999), ("0.001", 6, 1000),
        ("1e2", 2, 10000), ("1.5E-1", 2, 15), ("-0.50", 2, -50), ("0", 6, 0), ("92233720368547758.07", 2, Int64.max),
    ])
    func parsesExactly(_ text: String, _ scale: Int, _ minor: Int64) throws {
        #expect(try Money(parsing: text, scale: scale).minorUnits == minor)
    }

    @Test func rejectsMoreDecimalsThanTheScale() {
        #expect(throws: Money.ParseError.tooManyDecimals(3)) { try Money(parsing: "9.999", scale: 2) }
        #expect(throws: Money.ParseError.self) { try Money(parsing: "0.0000001", scale: 6) }
        #expect(throws: Money.ParseError.self) { try Money(parsing: "1e-3", scale: 2) }
    }

    @Test(arguments: ["", "abc", "1.", ".5", "1,00", "--1", "1e", "0x10", "１"])
    func rejectsNonDecimals(_ text: String) {
        #expect(throws: Money.ParseError.notDecimal) { try Money(parsing: text, scale: 2) }
    }

    /// Regression: an exponent of `Int.min` used to trap in `abs` and bring the daemon down.
    @Test(arguments: ["1e-9223372036854775808", "1e9223372036854775807", "1e-100", "1E100"])
    func rejectsHugeExponentsWithoutTrapping(_ text: String) {
        #expect(throws: Money.ParseError.notDecimal) { try Money(parsing: text, scale: 2) }
    }

    @Test func rejectsOverflow() {
        #expect(throws: Money.ParseError.outOfRange) { try Money(parsing: "92233720368547758.08", scale: 2) }
    }

    @Test func formatsWithExactlyTheScale() {
        #expect(Money(minorUnits: 999, scale: 2).description == "9.99")
        #expect(Money(minorUnits: 5, scale: 2).description == "0.05")
        #expect(Money(minorUnits: -50, scale: 2).description == "-0.50")
        #expect(Money(minorUnits: 1000, scale: 6).description == "0.001000")
        #expect(Money(minorUnits: 0, scale: 2).description == "0.00")
    }
}
