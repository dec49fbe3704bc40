/// The domain's flat members (`JSONText.Members`: error details, webhook notes) as a wire object.
extension JSONObject {
    public init(_ members: JSONText.Members) {
        self.init(members.pairs.map { pair in
            switch pair.value {
            case .string(let s): (pair.key, JSONValue.string(s))
            case .int(let n): (pair.key, JSONValue.int(n))
            case .null: (pair.key, JSONValue.null)
            }
        })
    }
}
