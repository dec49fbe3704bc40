import BillingProtocol
import Crypto
import Foundation

/// The append-only `audit_log`: which requests it records, what one row says about a request,
/// and reading it back. Rows are written by `BillingService.execute` in the request's own
/// savepoint (so a row exists exactly when its change was committed), by the scheduler, and by
/// the command line's restore, prune and archive.
public enum AuditLog {
    /// Metered spending is recorded by its usage rows and ledger entries already; every other
    /// state change is audited.
    static let unaudited: Set<String> = ["credits.consume", "credits.reserve", "credits.commit", "credits.release"]

    static func records(_ method: String) -> Bool { !unaudited.contains(method) }

    /// Members of params and results that name what a change touched.
    /// (`event_id` ties a webhook's row to its `webhook_events` delivery.)
    static let targetKeys = ["user_id", "subscription_id", "plan_id", "payment_id", "variant_id", "grant_id", "reservation_id", "event_id"]

    /// The actor a method is recorded under: a webhook keeps its forwarding peer's uid and pid.
    static func actor(_ caller: AuditActor, method: String) -> AuditActor {
        method.hasPrefix("webhooks.") ? caller.asWebhook : caller
    }

    /// The digest of a request's params: every validated member in the canonical form that
    /// idempotency compares. No method takes a secret as a param (the webhook signing secret is
    /// read from a file), and large members such as a webhook body shrink to these 64 characters.
    public static func digest(_ params: Params) -> String {
        SHA256.hash(data: Data(params.fingerprint(except: []).utf8)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The entry of a request that succeeded (or was replayed from its idempotency key).
    static func success(method: String, caller: AuditActor, params: Params, result: JSONValue, replayed: Bool, at: Timestamp) -> AuditEntry {
        var detail: String?
        if case .string(let name)? = result["event_name"], case .string(let outcome)? = result["outcome"] {
            detail = "\(name): \(outcome)"
        }
        let found = targets(method, params, result)
        return AuditEntry(at: at, method: method, actor: actor(caller, method: method), userID: user(in: found), targets: JSONText(object: found),
                          paramsDigest: digest(params), outcome: replayed ? .replayed : .applied, detail: detail)
    }

    /// The entry of a request the domain refused, or nil for failures that are not the
    /// request's fault (overload, shutdown, storage errors): those are logged, not audited.
    static func rejection(method: String, caller: AuditActor, params: Params, error: any Error, at: Timestamp) -> AuditEntry? {
        let wire: RPCError
        switch error {
        case let error as BillingError: wire = error.rpcError
        case let error as RPCError: wire = error
        default: return nil
        }
        let found = targets(method, params, .null)
        return AuditEntry(at: at, method: method, actor: actor(caller, method: method), userID: user(in: found), targets: JSONText(object: found),
                          paramsDigest: digest(params), outcome: .rejected, errorCode: wire.code.code,
                          detail: "\(wire.code.type): \(wire.message)")
    }

    /// Ids named by the params first, then by the result (top level and its `subscription`).
    static func targets(_ method: String, _ params: Params, _ result: JSONValue) -> JSONText.Members {
        var found: [String: JSONText.Member] = [:]
        for key in targetKeys {
            if let value = params.string(key) { found[key] = .string(value) }
        }
        if method == "plans.upsert", let id = params.string("id") { found["plan_id"] = .string(id) }
        for source in [result, result["subscription"] ?? .null] {
            for key in targetKeys where found[key] == nil {
                switch source[key] {
                case .string(let s)?: found[key] = .string(s)
                case .number(let n)?: if let n = Int64(n) { found[key] = .int(n) }
                default: break
                }
            }
        }
        return JSONText.Members(targetKeys.compactMap { key in found[key].map { (key, $0) } })
    }

    /// The user a row is filed under (`audit.list`'s `user_id` filter).
    static func user(in targets: JSONText.Members) -> String? {
        guard case .string(let user)? = targets["user_id"] else { return nil }
        return user
    }

    public static func append(_ db: StoreSession, _ entry: AuditEntry) throws {
        try db.audit.append(entry)
    }

    /// Records a scheduler pass that changed rows (`changed`, not counting idempotency-key
    /// housekeeping): the items it processed, by kind. A pass that only looked at items that
    /// needed nothing (a past_due subscription waiting for its payment) writes no row, so an
    /// idle daemon does not write one a second.
    static func scheduled(_ db: StoreSession, _ report: SchedulerReport, changed: Int64, at: Timestamp) throws {
        let done = SchedulerItem.Kind.allCases.filter { $0 != .idempotencyPrune && report.processed[$0, default: 0] > 0 }
        guard changed > 0, !done.isEmpty else { return }
        try append(db, AuditEntry(at: at, method: "scheduler.run_due", actor: .scheduler, outcome: .applied,
                                  detail: done.map { "\($0.rawValue): \(report.processed[$0, default: 0])" }.joined(separator: ", ")))
    }

    /// Records an operator's `billingd` command (`cli.restore`, `cli.prune_usage`, `cli.archive`)
    /// in the transaction that makes its change.
    public static func command(_ db: StoreSession, _ name: String, detail: String, at: Timestamp) throws {
        try append(db, AuditEntry(at: at, method: "cli.\(name)", actor: .cli, outcome: .applied, detail: detail))
    }

    /// One page of `audit.list`: newest first, filtered, keyset-paged by id.
    public struct Filter: Sendable {
        public var from: Timestamp?
        public var to: Timestamp?
        public var method: String?
        public var userID: String?

        public init(from: Timestamp? = nil, to: Timestamp? = nil, method: String? = nil, userID: String? = nil) {
            self.from = from
            self.to = to
            self.method = method
            self.userID = userID
        }
    }

    public static func list(_ db: StoreSession, _ filter: Filter, limit: Int64, cursor: String?) throws -> AuditPage {
        var before: Int64? = nil
        if let cursor {
            guard let id = Int64(cursor), id > 0 else {
                throw BillingError.invalidParams(field: "cursor", "'cursor' is not a cursor of this list")
            }
            before = id
        }
        let entries = try db.audit.page(before: before, from: filter.from, to: filter.to, method: filter.method, user: filter.userID,
                                        limit: limit + 1)
        let page = entries.prefix(Int(limit))
        return AuditPage(entries: Array(page), nextCursor: entries.count > Int(limit) ? page.last?.id.map(String.init) : nil)
    }

    /// Every entry created in [from, to), oldest first, a page at a time (for `billingd export audit`).
    public static func rows(_ db: StoreSession, from: Timestamp?, to: Timestamp?, each: (AuditEntry) throws -> Void) throws {
        var after: Int64 = 0
        while true {
            let page = try db.audit.range(after: after, from: from, to: to, limit: 1000)
            for entry in page { try each(entry) }
            guard let last = page.last?.id, page.count == 1000 else { return }
            after = last
        }
    }
}
