import BillingProtocol
import BillingStore

/// One method's implementation, registered once against its catalog declaration: where it runs
/// (the descriptor's `access`: a read connection or the single writer) comes from the
/// declaration, never from a second table.
struct Handler: Sendable {
    /// Turns validated params into the method's typed parameters once, on the caller's thread
    /// (an event loop), so the writer thread only runs the change.
    typealias Prepare = @Sendable (Params) throws -> Prepared

    /// A request ready to run: its typed parameters are bound into `run`.
    struct Prepared: Sendable {
        /// For writes that answer as if they ran but keep nothing (`dry_run`): the writer rolls
        /// their savepoint back and still answers their result.
        let discardsChanges: Bool
        let run: @Sendable (HandlerContext, Connection) throws -> any MethodResult
    }

    let descriptor: MethodDescriptor
    let prepare: Prepare

    /// A typed method: params arrive as `M.Parameters`, the result leaves as `M.Result`.
    static func method<M: BillingMethod>(
        _ method: M.Type, discardsChanges: @escaping @Sendable (M.Parameters) -> Bool = { _ in false },
        _ body: @escaping @Sendable (HandlerContext, Connection, M.Parameters) throws -> M.Result
    ) -> Handler {
        Handler(descriptor: M.descriptor) { params in
            let typed = try M.Parameters(validated: params)
            return Prepared(discardsChanges: discardsChanges(typed)) { context, db in try body(context, db, typed) }
        }
    }
}
