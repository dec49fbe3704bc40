import BillingCore
import BillingProtocol
import Testing

/// Many random sequences of grants (some expiring), consumes, reservations, clock moves,
/// subscriptions, payments and refunds; after every step the books must balance.
@Suite struct LedgerPropertyTests {
    /// SplitMix64: a tiny seeded generator, so a failing seed can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func booksBalanceAfterEveryStep(seed: UInt64) throws {
        let h = try Harness()
        var rng = SeededGenerator(state: seed)
        let users = ["a", "b", "c"]
        var reservations: [JSONValue] = []
        var payments: [String] = []
        var now = Harness.start.milliseconds
        var applied = 0
        for step in 0..<150 {
            let user = JSONValue.string(users.randomElement(using: &rng)!)
            let amount = JSONValue.int(Int64.random(in: 1...30, using: &rng))
            do {
                switch Int.random(in: 0..<11, using: &rng) {
                case 0:
                    var params: JSONObject = ["user_id": user, "amount": amount, "source": "promo"]
                    if Bool.random(using: &rng) {
                        params["expires_at"] = .string(Timestamp(milliseconds: now + Int64.random(in: 1...3_000_000, using: &rng)).rfc3339)
                    }
                    try h.call("credits.grant", params)
                case 1, 2:
                    try h.call("credits.consume", ["user_id": user, "amount": amount, "idempotency_key": .string("k\(Int.random(in: 0..<40, using: &rng))")])
                case 3:
                    reservations.append(try h.call("credits.reserve", ["user_id": user, "amount": amount,
                                                                        "ttl_ms": .int(Int64.random(in: 1...2_000_000, using: &rng))])["reservation_id"]!)
                case 4 where !reservations.isEmpty:
                    let id = reservations.remove(at: Int.random(in: 0..<reservations.count, using: &rng))
                    if Bool.random(using: &rng) {
                        try h.call("credits.commit", ["reservation_id": id, "amount": .int(Int64.random(in: 0...3, using: &rng))])
                    } else {
                        try h.call("credits.release", ["reservation_id": id])
                    }
                case 5:
                    let ms = Int64.random(in: 1...1_500_000, using: &rng)
                    try h.advance(ms: ms)
                    now += ms
                case 6:
                    try h.call("subscriptions.create", ["user_id": user, "plan_id": .string(["free", "basic"].randomElement(using: &rng)!),
                                                        "trial_days": .int(Int64.random(in: 0...1, using: &rng))])
                case 7:
                    let current = try h.call("subscriptions.current", ["user_id": user])["id"]!
                    let action = ["subscriptions.renew", "subscriptions.cancel", "subscriptions.pause", "subscriptions.resume"]
                        .randomElement(using: &rng)!
                    try h.call(action, ["subscription_id": current])
                case 8:
                    let id = "p\(step)"
                    try h.call("payments.record", ["user_id": user, "amount": "4.99", "currency": "USD", "payment_id": .string(id),
                                                   "status": Bool.random(using: &rng) ? "completed" : "pending", "credits_awarded": amount])
                    payments.append(id)
                case 9 where !payments.isEmpty:
                    let id = payments.randomElement(using: &rng)!
                    try h.call("payments.update_status", ["payment_id": .string(id), "status": .string(["completed", "refunded"].randomElement(using: &rng)!)])
                default:
                    try h.call("credits.consume", ["user_id": user, "amount": amount, "check_rate_limit": true])
                }
                applied += 1
            } catch let error as RPCError {
                // Domain refusals are expected in random sequences; envelope or internal errors are not.
                #expect(error.code.code >= 1000, "seed \(seed) step \(step): \(error.message)")
            } catch let error as BillingError {
                #expect(error.kind.code.code >= 1000 || error.kind == .invalidParams, "seed \(seed) step \(step): \(error.message)")
            }
            try h.verify()
            for name in users {
                guard let view = try? h.credits(name) else { continue }
                let current = view["current_credits"]!.int64Value!
                let grants = view["grants"]!.arrayValue!.reduce(Int64(0)) { $0 + $1["remaining"]!.int64Value! }
                #expect(current >= 0, "seed \(seed) step \(step)")
                #expect(grants == current, "seed \(seed) step \(step): grants \(grants) vs current \(current)")
                let total = ["total_credits_purchased", "total_credits_used", "total_credits_expired", "total_credits_revoked", "reserved_credits"]
                    .map { view[$0]!.int64Value! }
                #expect(total[0] - total[1] - total[2] - total[3] - total[4] == current, "seed \(seed) step \(step)")
            }
        }
        // The sequence must mostly do things, not only collect refusals.
        #expect(applied > 60, "seed \(seed): only \(applied) of 150 operations applied")
    }
}
