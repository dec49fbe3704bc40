import CSQLite

/// `wide_sum(x)`: an exact integer sum that cannot overflow. SQLite's own `sum()` raises
/// "integer overflow" past 64 bits (and `total()` is floating point, which never touches money
/// or credits here), so every sum a client can grow — summaries over many users, the
/// verifier's ledger sums — adds in 128 bits. The result is an INTEGER when it fits in 64
/// bits, else its exact decimal digits as TEXT (which compares unequal to any INTEGER column,
/// so a verifier check still reports it). NULLs are skipped; no rows give 0.
///
/// 128 bits hold the sum of 2^64 values of 64 bits, more rows than any SQLite file can hold.
enum WideSum {
    /// The per-group state SQLite keeps for us (zeroed on first use).
    private struct State {
        var low: UInt64
        var high: Int64
    }

    static func register(on handle: OpaquePointer) -> Int32 {
        sqlite3_create_function_v2(
            handle, "wide_sum", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil,
            { context, _, arguments in
                guard let context, let arguments, let value = arguments[0],
                    sqlite3_value_type(value) != SQLITE_NULL,
                    let raw = sqlite3_aggregate_context(context, Int32(MemoryLayout<State>.size))
                else { return }
                let state = raw.assumingMemoryBound(to: State.self)
                let sum = Int128(state.pointee.high) << 64 | Int128(state.pointee.low)
                let next = sum + Int128(sqlite3_value_int64(value))
                state.pointee.low = UInt64(truncatingIfNeeded: next)
                state.pointee.high = Int64(truncatingIfNeeded: next >> 64)
            },
            { context in
                guard let context else { return }
                // Size 0: no allocation when no row was stepped (the sum of nothing is 0).
                guard let raw = sqlite3_aggregate_context(context, 0) else {
                    sqlite3_result_int64(context, 0)
                    return
                }
                let state = raw.assumingMemoryBound(to: State.self).pointee
                let sum = Int128(state.high) << 64 | Int128(state.low)
                if let fits = Int64(exactly: sum) {
                    sqlite3_result_int64(context, fits)
                } else {
                    let digits = String(sum)
                    sqlite3_result_text(context, digits, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            },
            nil)
    }
}
