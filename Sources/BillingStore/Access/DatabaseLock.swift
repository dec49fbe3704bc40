import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<database>.lock`, held for the daemon's life, so two daemons
/// (or a daemon and `billingd migrate`) never open one database for writing.
public final class DatabaseLock: Sendable {
    private let descriptor: Int32
    private let released = Atomic<Bool>(false)
    public let path: String

    public struct Busy: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the database is in use by another billingd (lock \(path) is held)" }
    }

    public init(databasePath: String) throws {
        path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SQLiteError(code: 14, message: "cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Busy(path: path)
        }
        descriptor = fd
    }

    /// Lets another daemon open the database (after this one has closed its connections).
    public func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }
}
