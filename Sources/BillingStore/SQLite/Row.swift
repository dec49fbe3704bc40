/// One result row, read by column name. Column names are shared per statement.
public struct Row: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    /// For stores other than SQLite's, which build their rows from their own result cells.
    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

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

    /// A `wide_sum` result: an INTEGER, or the exact decimal TEXT of a sum past 64 bits.
    public func wide(_ name: String) -> Int128 {
        switch value(name) {
        case .integer(let v): Int128(v)
        case .text(let digits): Int128(digits) ?? 0
        default: 0
        }
    }
}
