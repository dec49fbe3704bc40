import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The kernel's word (SO_PEERCRED) on who is connecting, read once per connection before any
/// byte is read: `--allow-uid` closes a peer not on the list without an answer, and the uid and
/// pid go with every request into the audit log.
enum PeerCredentials {
    struct Denied: Error, CustomStringConvertible {
        let uid: UInt32
        var description: String { "connection from uid \(uid) refused (not in --allow-uid)" }
    }

    /// The peer's credentials (nil when the kernel cannot say and no allowlist is set).
    static func check(_ channel: any Channel, allowed: Set<UInt32>?, logger: Logger) -> EventLoopFuture<UnixCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return allowed == nil ? channel.eventLoop.makeSucceededFuture(nil) : channel.eventLoop.makeFailedFuture(Denied(uid: UInt32.max))
        }
        let future: EventLoopFuture<UnixCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(UnixCredentials.option))
        guard let allowed else { return future.map { Optional($0) }.recover { _ in nil } }
        return future.flatMapThrowing { credentials in
            guard allowed.contains(credentials.uid) else {
                logger.warning("connection refused", metadata: ["uid": "\(credentials.uid)", "pid": "\(credentials.pid)"])
                throw Denied(uid: credentials.uid)
            }
            return credentials
        }
    }
}
