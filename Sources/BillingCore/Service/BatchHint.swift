/// What a fast unit tells its batch ahead of running (`BatchEffects.begin`): the account it
/// spends from (nil when its params do not name it: a commit or a release names the
/// reservation) and its idempotency key, so the batch loads them all at once.
struct BatchHint: Sendable {
    let user: String?
    let method: String
    let idempotencyKey: String?
}
