import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// `--allow-uid`: the kernel's word (SO_PEERCRED) on who is connecting, checked once per
/// connection before any byte is read. A peer not on the list is closed without an answer.
enum PeerCredentials {
    struct Denied: Error, CustomStringConvertible {
        let uid: UInt32
        var description: String { "connection from uid \(uid) refused (not in --allow-uid)" }
    }

    static func check(_ channel: any Channel, allowed: Set<UInt32>?, logger: Logger) -> EventLoopFuture<Void> {
        guard let allowed else { return channel.eventLoop.makeSucceededVoidFuture() }
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(Denied(uid: UInt32.max))
        }
        let future: EventLoopFuture<UnixCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(UnixCredentials.option))
        return future.flatMapThrowing { credentials in
            guard allowed.contains(credentials.uid) else {
                logger.warning("connection refused", metadata: ["uid": "\(credentials.uid)", "pid": "\(credentials.pid)"])
                throw Denied(uid: credentials.uid)
            }
        }
    }
}
