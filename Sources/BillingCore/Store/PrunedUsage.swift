/// What `usage_pruned` keeps of one user's deleted usage rows, so every total still adds up.
public struct PrunedUsage: Sendable {
    public let requests: Int64
    public let creditsUsed: Int64
    public let costUSD: Int64
    /// Rows created before this instant (epoch ms) were deleted.
    public let prunedBefore: Int64

    public init(requests: Int64, creditsUsed: Int64, costUSD: Int64, prunedBefore: Int64) {
        self.requests = requests
        self.creditsUsed = creditsUsed
        self.costUSD = costUSD
        self.prunedBefore = prunedBefore
    }
}
