/// Why a store would not copy itself to a file (`system.backup`).
public enum StoreBackupRefused: Error, Sendable {
    /// Its backups are the operator's tools (PostgreSQL).
    case notAFileStore
    /// Something is already at the destination: a backup never overwrites.
    case destinationExists
    /// The destination cannot be created.
    case cannotCreate
}
