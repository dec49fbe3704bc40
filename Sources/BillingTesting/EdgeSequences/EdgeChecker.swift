import BillingProtocol

/// Runs an `EdgeSequence` through any `call` (in-process or a socket) and checks, after every
/// step, what must hold whatever the requests were: the daemon answered; no answer is an
/// internal error or an envelope error (every request was valid); `system.verify` is clean;
/// each user's balance equals their live grants and their totals add up; the all-users
/// summary answers. The first broken property is returned with the steps that led to it.
public struct EdgeChecker {
    public typealias Call = (String, JSONObject) throws -> JSONValue

    /// A broken property: what broke and the requests that led there (replay them to debug).
    public struct Violation: Error, CustomStringConvertible {
        public let property: String
        public let steps: [String]
        public var description: String { "\(property)\nafter:\n" + steps.suffix(40).joined(separator: "\n") }
    }

    /// How a run went, for a test to assert it did real work rather than collect refusals.
    public struct Outcome: Sendable {
        public var applied = 0
        public var refused: [String: Int] = [:]
    }

    private let call: Call

    public init(call: @escaping Call) { self.call = call }

    /// Runs until the source is spent or `steps` requests were made.
    public func run<Source: ChoiceSource>(_ source: inout Source, steps: Int) throws(Violation) -> Outcome {
        var sequence = EdgeSequence()
        var outcome = Outcome()
        var log: [String] = []
        for _ in 0..<steps where source.hasMore {
            let request = sequence.next(&source)
            log.append(request.description)
            do {
                let result = try call(request.method, request.params)
                sequence.observe(request, result)
                outcome.applied += 1
            } catch let error as RPCError {
                log[log.count - 1] += "  -> \(error.code.code) \(error.code.type): \(error.message)"
                guard error.code.code >= 1000 || error.code == .invalidParams else {
                    throw Violation(property: "answered \(error.code.type): \(error.message)", steps: log)
                }
                outcome.refused[error.code.type, default: 0] += 1
            } catch {
                throw Violation(property: "no answer: \(error)", steps: log)
            }
            try check(log)
        }
        return outcome
    }

    private func check(_ log: [String]) throws(Violation) {
        func fail(_ property: String) -> Violation { Violation(property: property, steps: log) }
        do {
            let report = try call("system.verify", [:])
            guard report["ok"] == true else { throw fail("system.verify: \(report["problems"]?.serialized() ?? "?")") }
            for user in EdgeSequence.users {
                let view: JSONValue
                do {
                    view = try call("credits.get", ["user_id": .string(user)])
                } catch let error as RPCError where error.code == .notFound {
                    continue
                }
                func value(_ name: String) throws(Violation) -> Int128 {
                    guard let v = view[name]?.int64Value else { throw fail("credits.get \(user): \(name) is not a 64-bit integer") }
                    return Int128(v)
                }
                let current = try value("current_credits")
                let grants = view["grants"]?.arrayValue?.reduce(Int128(0)) { $0 + Int128($1["remaining"]?.int64Value ?? 0) } ?? -1
                guard current >= 0, try value("reserved_credits") >= 0 else { throw fail("credits.get \(user): negative balance or hold") }
                guard grants == current else { throw fail("credits.get \(user): grants hold \(grants), current_credits \(current)") }
                let books = try value("total_credits_purchased") - value("total_credits_used") - value("total_credits_expired")
                    - value("total_credits_revoked") - value("reserved_credits")
                guard books == current else { throw fail("credits.get \(user): totals give \(books), current_credits \(current)") }
            }
            _ = try call("usage.summary", ["from": "2000-01-01T00:00:00Z", "to": "9999-01-01T00:00:00Z", "group_by": "day"])
        } catch let violation as Violation {
            throw violation
        } catch {
            throw fail("a check failed to answer: \(error)")
        }
    }
}
