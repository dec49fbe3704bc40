import ArgumentParser
import CPowerLossVFS
import Foundation

/// The power-loss test's switch (`scripts/power_loss_test.py`): with
/// `BILLINGD_TEST_POWER_LOSS_AFTER_WRITES=N` every SQLite file goes through a VFS that, at the
/// N-th write to the database or WAL, throws away everything not yet synced and ends the process
/// (`BILLINGD_TEST_POWER_LOSS_SEED`, when non-zero, keeps a random prefix of the unsynced writes).
/// Unset (always, outside that test), nothing changes.
enum PowerLossSimulation {
    static func installFromEnvironment() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let text = environment["BILLINGD_TEST_POWER_LOSS_AFTER_WRITES"] else { return }
        guard let writes = Int64(text), writes > 0 else { throw ValidationError("BILLINGD_TEST_POWER_LOSS_AFTER_WRITES must be a positive integer") }
        let seed = environment["BILLINGD_TEST_POWER_LOSS_SEED"].flatMap { UInt64($0) } ?? 0
        guard powerloss_vfs_install(writes, seed) == 0 else { throw ValidationError("cannot install the power-loss VFS") }
    }
}
