/// Answers a declared method synchronously with its typed result: a blocking socket connection
/// to a daemon (`SocketConnection`), or the analytics run straight on a database file
/// (`DatabaseAnalytics`), so `billingd report` asks both the same typed questions.
public protocol MethodCaller {
    func call<M: BillingMethod>(_ method: M.Type, _ params: M.Parameters) throws -> M.Result
}
