/// Enum values written into SQL text as a literal list (`'trialing', 'active'`). The values come
/// from the enum, never from a caller, and the text stays exactly what the schema's partial
/// indexes say, so the planner can still use them.
public enum SQLList {
    public static func of<Value: RawRepresentable>(_ values: [Value]) -> String where Value.RawValue == String {
        values.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}
