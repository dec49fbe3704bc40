/// Where a newest-first list (ordered by `created_at`, then `id`) continues: the last row shown.
public struct ListPosition: Sendable, Equatable {
    /// The row's `created_at`, in milliseconds.
    public let time: Int64
    public let id: String

    public init(time: Int64, id: String) {
        self.time = time
        self.id = id
    }
}
