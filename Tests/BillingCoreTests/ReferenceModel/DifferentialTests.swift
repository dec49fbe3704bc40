import BillingProtocol
import BillingTesting
import Testing

/// The reference-model differential test (issue 11): random command streams — grants with and
/// without expiry, consumes with idempotency keys, dry runs and rate limits, reservations that
/// are committed, released or left to time out, clock moves — run through the daemon's core
/// (in-process, test clock) and through `CreditsModel`. Every answer must agree, and after
/// every step so must each user's books (`credits.get`, grants in spending order) and
/// `system.verify` must be clean. A failing seed replays.
@Suite struct DifferentialTests {
    static let start = Timestamp(rfc3339: "2026-01-01T00:00:00.000Z")!
    static let users = ["ann", "bob", "cy"]

    @Test(arguments: Array(1...12) as [UInt64])
    func theCoreAgreesWithTheModel(seed: UInt64) throws {
        let billing = try InProcessBilling(start: Self.start)
        var model = CreditsModel(now: Self.start.milliseconds)
        var choices = SeededChoices(seed: seed)
        var reservations: [String] = []
        var log: [String] = []
        for step in 0..<150 {
            let user = choices.pick(Self.users)
            let amount = Int64(choices.choose(20) + 1)
            var expected: CreditsModel.Answer
            let method: String
            var params: JSONObject
            var adopt: CreditsModel.Hold?
            switch choices.choose(12) {
            case 0, 1:
                let expiresIn: Int64? = choices.coin() ? Int64(choices.choose(600) + 1) * 1_000 : nil
                (method, params) = ("credits.grant", ["user_id": .string(user), "amount": .int(amount)])
                if let expiresIn { params["expires_at"] = .string(Timestamp(milliseconds: model.now + expiresIn).rfc3339) }
                expected = model.grant(user, amount, expiresIn: expiresIn)
            case 2, 3, 4:
                let key: String? = choices.coin() ? "k\(choices.choose(6))" : nil
                let dryRun = choices.choose(5) == 0
                let rate = choices.coin()
                (method, params) = ("credits.consume", ["user_id": .string(user), "amount": .int(amount)])
                if let key { params["idempotency_key"] = .string(key) }
                if dryRun { params["dry_run"] = true }
                if rate { params["check_rate_limit"] = true }
                expected = model.consume(user, amount, key: key, dryRun: dryRun, checkRateLimit: rate)
            case 5, 6:
                let ttl = Int64(choices.choose(300) + 1) * 1_000
                (method, params) = ("credits.reserve", ["user_id": .string(user), "amount": .int(amount), "ttl_ms": .int(ttl)])
                (expected, adopt) = model.reserve(user, amount, ttl: ttl)
            case 7 where !reservations.isEmpty, 8 where !reservations.isEmpty:
                let id = choices.pick(reservations)
                if choices.coin() {
                    let part: Int64? = choices.coin() ? Int64(choices.choose(25)) : nil
                    (method, params) = ("credits.commit", ["reservation_id": .string(id)])
                    if let part { params["amount"] = .int(part) }
                    expected = model.commit(id, amount: part)
                } else {
                    (method, params) = ("credits.release", ["reservation_id": .string(id)])
                    expected = model.release(id)
                }
            default:
                let ms = choices.pick([1, 999, 30_000, 61_000, 200_000, 3_600_000, 86_400_000] as [Int64])
                (method, params) = ("system.clock.advance", ["ms": .int(ms)])
                model.advance(ms)
                expected = .ok([:])
            }
            log.append("\(step): \(method) \(JSONValue.object(params).serialized())")
            let actual: CreditsModel.Answer
            do {
                let result = try billing.call(method, params)
                if let adopt, let id = result["reservation_id"]?.stringValue {
                    model.adopt(id, adopt)
                    reservations.append(id)
                }
                actual = .ok(Self.compared(result, like: expected))
            } catch let error as RPCError {
                actual = .failed(type: error.code.type, facts: Self.facts(error, like: expected))
            }
            #expect(actual == expected, "seed \(seed), \(log.suffix(12).joined(separator: "\n"))\nexpected \(expected)\nactual   \(actual)")
            guard actual == expected else { return }
            try compareBooks(billing, model, seed: seed, log: log)
        }
    }

    /// The members of `result` the model answers (`expires_at` as epoch milliseconds).
    static func compared(_ result: JSONValue, like expected: CreditsModel.Answer) -> [String: Int64] {
        guard case .ok(let members) = expected else { return ["unexpected_success": 1] }
        var picked: [String: Int64] = [:]
        for name in members.keys {
            switch result[name] {
            case .number(let text)?: picked[name] = Int64(text)
            case .bool(let flag)?: picked[name] = flag ? 1 : 0
            case .string(let text)?: picked[name] = Timestamp(rfc3339: text)?.milliseconds
            default: break
            }
        }
        return picked
    }

    static func facts(_ error: RPCError, like expected: CreditsModel.Answer) -> [String: Int64] {
        guard case .failed(_, let facts) = expected else { return [:] }
        var picked: [String: Int64] = [:]
        for name in facts.keys { picked[name] = error.details[name]?.int64Value }
        return picked
    }

    func compareBooks(_ billing: InProcessBilling, _ model: CreditsModel, seed: UInt64, log: [String]) throws {
        for user in Self.users {
            let expected = model.balance(user)
            let where_ = "seed \(seed) after \(log.suffix(8).joined(separator: "\n")), user \(user)"
            guard !expected.isEmpty else {
                #expect(throws: RPCError.self, "\(where_): the model has no account") { try billing.call("credits.get", ["user_id": .string(user)]) }
                continue
            }
            let view = try billing.call("credits.get", ["user_id": .string(user)])
            #expect(Self.compared(view, like: .ok(expected)) == expected, "\(where_)")
            let grants = (view["grants"]?.arrayValue ?? []).map { grant in
                [Int64(grant["grant_id"]?.stringValue ?? "") ?? 0, grant["remaining"]?.int64Value ?? 0,
                 grant["expires_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:))?.milliseconds ?? -1]
            }
            #expect(grants == model.grants(user), "\(where_): grants")
        }
        let verify = try billing.call("system.verify", [:])
        #expect(verify["ok"] == true, "seed \(seed): \(verify["problems"]?.serialized() ?? "")")
    }
}
