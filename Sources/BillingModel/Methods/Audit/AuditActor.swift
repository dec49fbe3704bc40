#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Who asked for a state change, as the audit log records it: a socket peer (the kernel's
/// `SO_PEERCRED` uid and pid, and the JSON-RPC id of its request), the `billingd` command line,
/// the daemon's own scheduler, or a webhook forwarded over the socket.
public struct AuditActor: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case socket, cli, scheduler, webhook
    }

    public let kind: Kind
    public let uid: UInt32?
    public let pid: Int32?
    /// The request's JSON-RPC `id` as JSON text (at most 255 bytes); nil for notifications and non-socket actors.
    public let requestID: String?

    public init(kind: Kind, uid: UInt32? = nil, pid: Int32? = nil, requestID: String? = nil) {
        self.kind = kind
        self.uid = uid
        self.pid = pid
        self.requestID = requestID.map(AuditActor.bounded)
    }

    /// This process (a `billingd` subcommand run by an operator): its own uid and pid.
    public static var cli: AuditActor { AuditActor(kind: .cli, uid: UInt32(getuid()), pid: Int32(getpid())) }
    public static let scheduler = AuditActor(kind: .scheduler)

    /// A socket peer; `uid`/`pid` are nil when the kernel did not say (not a Unix socket).
    public static func peer(uid: UInt32?, pid: Int32?) -> AuditActor { AuditActor(kind: .socket, uid: uid, pid: pid) }

    /// The same caller for one request.
    public func request(_ id: String?) -> AuditActor { AuditActor(kind: kind, uid: uid, pid: pid, requestID: id) }

    /// A webhook reaches us through a socket peer (the backend that received it): same uid/pid.
    public var asWebhook: AuditActor { AuditActor(kind: .webhook, uid: uid, pid: pid, requestID: requestID) }

    /// Caps a caller-chosen id at 255 UTF-8 bytes, on a character boundary.
    private static func bounded(_ text: String) -> String {
        guard text.utf8.count > 255 else { return text }
        var out = ""
        for character in text {
            if out.utf8.count + character.utf8.count > 255 { break }
            out.append(character)
        }
        return out
    }
}
