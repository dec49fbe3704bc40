import BillingProtocol

/// Retention: deletes usage rows older than a cut-off after adding them to `usage_pruned`,
/// so every total (and `system.verify`) still adds up. Export the rows first to keep them.
public enum Retention {
    public struct Report: Sendable {
        public let rows: Int64
        public let users: Int64
    }

    public static func pruneUsage(_ db: StoreSession, before: Timestamp) throws -> Report {
        // Added up in Swift with checked arithmetic (each group's sums are exact): a total that
        // would not fit its 64-bit column refuses the prune, and nothing is deleted.
        let groups = try db.usage.prunable(before: before)
        var rows: Int64 = 0
        for group in groups {
            rows += group.requests
            let user = group.user
            let earlier = try db.usage.pruned(user)
            func total(_ sum: Int128, _ earlier: Int64?, _ column: String) throws -> Int64 {
                guard let total = Int64(exactly: sum + Int128(earlier ?? 0)) else {
                    throw BillingError.invalidParams(field: "before", "cannot prune: user '\(user)''s pruned \(column) would pass 64 bits")
                }
                return total
            }
            try db.usage.savePruned(user, PrunedUsage(
                requests: try total(Int128(group.requests), earlier?.requests, "requests"),
                creditsUsed: try total(group.creditsUsed, earlier?.creditsUsed, "credits_used"),
                costUSD: try total(group.costUSD, earlier?.costUSD, "cost_usd"),
                prunedBefore: max(before.milliseconds, earlier?.prunedBefore ?? Int64.min)))
        }
        try db.usage.delete(before: before)
        return Report(rows: rows, users: Int64(groups.count))
    }
}
