import BillingCore
import Foundation

/// The rest of `StoreSession` on a SQL session: verification, a batch's bulk writes and backups.
extension Connection {
    public func problems() throws -> [String] { try Verifier.problems(self) }

    public func write(_ writes: BatchWrites) throws { try writes.write(to: self) }

    public func backupCopy(to destination: String) throws {
        guard dialect == .sqlite else { throw StoreBackupRefused.notAFileStore }
        guard !FileManager.default.fileExists(atPath: destination) else { throw StoreBackupRefused.destinationExists }
        do {
            try backup(to: destination)
        } catch let error as SQLiteError where error.isCannotOpen {
            throw StoreBackupRefused.cannotCreate
        }
    }
}
