import BillingProtocol

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
        let run: @Sendable (HandlerContext, StoreSession) throws -> any MethodResult
        /// The account the request touches, for writes with a fast path (`FastPath`).
        var account: String? = nil
        /// Answers from the writer's memory and stages the effects, or nil for the SQL path.
        var fast: (@Sendable (HandlerContext, PendingEffects, StoreSession) throws -> (any MethodResult)?)? = nil
        /// For reads: the answer from durable memory (`BalanceSnapshots`) at an instant, or nil for a reader.
        var fromMemory: (@Sendable (BalanceSnapshots, Timestamp) -> (any MethodResult)?)? = nil
        /// For writes on the SQL path: the one account the request can change, looked up on the
        /// writer's connection before it runs (`Touches`); nil: any account.
        var touches: (@Sendable (StoreSession) throws -> String?)? = nil

        /// The account whose copies in memory a write on the SQL path must drop before it runs;
        /// nil: every account's.
        func touchedAccount(_ db: StoreSession) throws -> String? {
            if let touches { return try touches(db) }
            return account
        }
    }

    /// The one account a write on the SQL path can change, so that only its copy in memory (the
    /// writer's `AccountCache` entry, its `BalanceSnapshots` view) is dropped instead of every
    /// account's. It returns nil, so every copy is dropped, when it cannot tell, for example for
    /// a reservation that does not exist. A method that can change several accounts (a plan, a
    /// webhook) declares none.
    struct Touches<M: BillingMethod>: Sendable {
        let account: @Sendable (StoreSession, M.Parameters) throws -> String?

        /// The account named in the params.
        static func user(_ user: @escaping @Sendable (M.Parameters) -> String) -> Touches {
            Touches { _, p in user(p) }
        }

        /// The account that owns a row found by the params.
        static func owner(_ lookup: @escaping @Sendable (StoreSession, M.Parameters) throws -> String?) -> Touches {
            Touches(account: lookup)
        }
    }

    /// A read answered from durable memory when it can (`BalanceSnapshots`): `account` names the
    /// account it reads (a miss asks the writer to load it), `read` answers or returns nil.
    struct MemoryRead<M: BillingMethod>: Sendable {
        let account: @Sendable (M.Parameters) -> String
        let read: @Sendable (BalanceSnapshots, Timestamp, M.Parameters) -> M.Result?
    }

    /// A write's fast path (`Writer.submit(_:fast:hint:completion:)`): `account` names the account
    /// a request touches, for the batch to load (nil: the params do not say; `run` finds it among
    /// the accounts kept, or takes the SQL path); `run` decides against the writer's copy of it and stages its effects in
    /// `PendingEffects`, throws before staging anything, or returns nil to take the SQL path.
    struct FastPath<M: BillingMethod>: Sendable {
        let account: @Sendable (M.Parameters) -> String?
        let run: @Sendable (HandlerContext, PendingEffects, StoreSession, M.Parameters) throws -> M.Result?
    }

    let descriptor: MethodDescriptor
    let prepare: Prepare

    /// A typed method whose params need more decoding than validation (a webhook's body): `decode`
    /// runs with the params, on the caller's thread (an event loop), and `body` gets what it made,
    /// so the writer thread never parses. A failure `decode` finds is `body`'s to report, in the
    /// order of its own checks.
    static func method<M: BillingMethod, Decoded: Sendable>(
        _ method: M.Type, decoding decode: @escaping @Sendable (M.Parameters) -> Decoded,
        _ body: @escaping @Sendable (HandlerContext, StoreSession, M.Parameters, Decoded) throws -> M.Result
    ) -> Handler {
        Handler(descriptor: M.descriptor) { params in
            let typed = try M.Parameters(validated: params)
            let decoded = decode(typed)
            return Prepared(discardsChanges: false) { context, db in try body(context, db, typed, decoded) }
        }
    }

    /// A typed method: params arrive as `M.Parameters`, the result leaves as `M.Result`.
    static func method<M: BillingMethod>(
        _ method: M.Type, discardsChanges: @escaping @Sendable (M.Parameters) -> Bool = { _ in false }, fast: FastPath<M>? = nil,
        fromMemory: MemoryRead<M>? = nil, touches: Touches<M>? = nil,
        _ body: @escaping @Sendable (HandlerContext, StoreSession, M.Parameters) throws -> M.Result
    ) -> Handler {
        Handler(descriptor: M.descriptor) { params in
            let typed = try M.Parameters(validated: params)
            var prepared = Prepared(discardsChanges: discardsChanges(typed)) { context, db in try body(context, db, typed) }
            if let fast {
                prepared.account = fast.account(typed)
                prepared.fast = { context, effects, db in try fast.run(context, effects, db, typed) }
            }
            if let fromMemory {
                prepared.account = fromMemory.account(typed)
                prepared.fromMemory = { snapshots, now in fromMemory.read(snapshots, now, typed) }
            }
            if let touches { prepared.touches = { db in try touches.account(db, typed) } }
            return prepared
        }
    }
}
