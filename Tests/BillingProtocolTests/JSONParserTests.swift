import Testing
@testable import BillingProtocol

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.50,3e2,true,false,null],"b":"x\"y\\z\u00e9\ud83d\ude00","c":{}}"#)
        #expect(value["a"] == .array([.number("1"), .number("-2.50"), .number("3e2"), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("x\"y\\zé😀"))
        #expect(value["c"] == .object(JSONObject()))
    }

    @Test func keepsNumbersAsWritten() throws {
        #expect(try JSONParser.parse("9223372036854775808") == .number("9223372036854775808"))
        #expect(try JSONParser.parse("9.990") == .number("9.990"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "01", "1.", "-", "tru", "\"abc", "{\"a\" 1}", "[1 2]", "1 2", "\"\u{01}\"",
        "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "NaN", "{a:1}",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(ok) != .null)
        let hostile = String(repeating: "[", count: 200_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(hostile) }
    }

    @Test func serializationRoundTripsAndEscapes() throws {
        let value: JSONValue = ["s": "line\nbreak \"q\" \u{01} é", "n": .number("12.50"), "a": [true, nil]]
        let text = value.serialized()
        #expect(!text.contains("\n"))
        #expect(try JSONParser.parse(text) == value)
        #expect(text == #"{"s":"line\nbreak \"q\" \u0001 é","n":12.50,"a":[true,null]}"#)
    }

    @Test func canonicalFormSortsKeys() {
        let a: JSONValue = ["b": 1, "a": ["y": 2, "x": 1]]
        let b: JSONValue = ["a": ["x": 1, "y": 2], "b": 1]
        #expect(a.canonical() == b.canonical())
        #expect(a.serialized() != b.serialized())
    }
}
