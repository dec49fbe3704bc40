/// `PageParameters` as wire params: read from the validator, written by clients.
extension PageParameters {
    public init(validated p: Params) { self.init(limit: p.int("limit") ?? 50, cursor: p.string("cursor")) }

    public func write(into object: inout JSONObject) {
        object["limit"] = .int(limit)
        object["cursor"] = cursor.map { .string($0) }
    }
}
