import BillingProtocol
import BillingStore

/// One method's implementation, registered once against its catalog declaration: where it runs
/// (the descriptor's `access`: a read connection or the single writer) comes from the
/// declaration, never from a second table.
struct Handler: Sendable {
    typealias Body = @Sendable (HandlerContext, Connection, Params) throws -> any MethodResult

    let descriptor: MethodDescriptor
    let body: Body
    /// For writes that answer as if they ran but keep nothing (`dry_run`): the writer rolls
    /// their savepoint back and still answers their result.
    let discardsChanges: @Sendable (Params) -> Bool

    /// A typed method: params arrive as `M.Parameters`, the result leaves as `M.Result`.
    static func method<M: BillingMethod>(
        _ method: M.Type, discardsChanges: @escaping @Sendable (M.Parameters) -> Bool = { _ in false },
        _ body: @escaping @Sendable (HandlerContext, Connection, M.Parameters) throws -> M.Result
    ) -> Handler {
        Handler(
            descriptor: M.descriptor,
            body: { context, db, params in try body(context, db, try M.Parameters(validated: params)) },
            discardsChanges: { params in (try? M.Parameters(validated: params)).map(discardsChanges) ?? false })
    }

    /// A method without typed parameters and result yet: it reads the validated `Params` and
    /// answers the catalog's JSON object. `name` must be in the catalog (checked by a test).
    static func method(_ name: String, _ body: @escaping @Sendable (HandlerContext, Connection, Params) throws -> JSONValue) -> Handler {
        guard let descriptor = MethodCatalog.byName[name] else { preconditionFailure("'\(name)' is not in MethodCatalog") }
        return Handler(descriptor: descriptor, body: body, discardsChanges: { _ in false })
    }
}
