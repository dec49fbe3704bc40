import Testing
@testable import BillingProtocol

@Suite struct ParamValidatorTests {
    let consume = MethodCatalog.byName["credits.consume"]!

    func field(_ params: JSONObject) -> String? {
        do {
            _ = try ParamValidator.validate(params, against: consume)
            return nil
        } catch {
            #expect(error.code == .invalidParams)
            return error.details["field"]?.stringValue
        }
    }

    @Test func acceptsValidParams() throws {
        let p = try ParamValidator.validate(["user_id": "u", "amount": 3, "cost_usd": "0.001", "metadata": ["k": 1]], against: consume)
        #expect(p.int("amount") == 3)
        #expect(p.money("cost_usd")?.minorUnits == 1000)
        #expect(p.json("metadata") == ["k": 1])
        #expect(p.string("idempotency_key") == nil)
    }

    @Test func namesTheFieldOfEveryMistake() {
        #expect(field(["amount": 1]) == "user_id")
        #expect(field(["user_id": "u", "amount": 1, "amuont": 1]) == "amuont")
        #expect(field(["user_id": "u", "amount": "1"]) == "amount")
        #expect(field(["user_id": 7, "amount": 1]) == "user_id")
        #expect(field(["user_id": "u", "amount": 0]) == "amount")
        #expect(field(["user_id": "u", "amount": -5]) == "amount")
        #expect(field(["user_id": "u", "amount": .number("1.5")]) == "amount")
        #expect(field(["user_id": "u", "amount": .number("9223372036854775808")]) == "amount")
        #expect(field(["user_id": "", "amount": 1]) == "user_id")
        #expect(field(["user_id": .string(String(repeating: "x", count: 256)), "amount": 1]) == "user_id")
        #expect(field(["user_id": "a\u{0}b", "amount": 1]) == "user_id")
        #expect(field(["user_id": "u", "amount": 1, "cost_usd": "0.0000001"]) == "cost_usd")
        #expect(field(["user_id": "u", "amount": 1, "cost_usd": .number("1.5")]) == nil)
        #expect(field(["user_id": "u", "amount": 1, "dry_run": "yes"]) == "dry_run")
        #expect(field(["user_id": "u", "amount": 1, "metadata": [1]]) == "metadata")
        #expect(field(["user_id": nil, "amount": 1]) == "user_id")
        #expect(field(JSONObject([("user_id", "u"), ("amount", 1), ("amount", 2)])) == "amount")
    }

    @Test func nullIsOmittedForOptionalParams() throws {
        let p = try ParamValidator.validate(["user_id": "u", "amount": 1, "category": nil], against: consume)
        #expect(p.has("category") == false)
    }

    @Test func everyWriteMethodTakesAnIdempotencyKey() {
        for method in MethodCatalog.all where method.access == .write {
            #expect(method.param("idempotency_key") != nil, "\(method.name)")
        }
        #expect(Set(MethodCatalog.all.map(\.name)).count == MethodCatalog.all.count)
    }
}
