/// One result row, read by column name. Column names are shared per statement.
public struct Row: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public func value(_ name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { preconditionFailure("no column \(name) in row") }
        return values[index]
    }

    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func int(_ name: String) -> Int64 {
        if case .integer(let v) = value(name) { return v }
        return 0
    }

    public func optionalInt(_ name: String) -> Int64? {
        if case .integer(let v) = value(name) { return v }
        return nil
    }

    public func string(_ name: String) -> String {
        if case .text(let s) = value(name) { return s }
        return ""
    }

    public func optionalString(_ name: String) -> String? {
        if case .text(let s) = value(name) { return s }
        return nil
    }

    public func bool(_ name: String) -> Bool { int(name) != 0 }
}
