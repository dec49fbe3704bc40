import BillingProtocol
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `serve --log-format json`: one JSON object per line, for journald, Loki or any log shipper:
/// `timestamp` (RFC 3339, UTC, milliseconds), `level`, `message`, `label`, then the metadata
/// fields (such as a request's `method`, `duration_us` and `error_type`) at the top level.
/// Integers stay JSON numbers; a metadata key that collides with one of the four fixed fields
/// is written with a leading underscore. The daemon never puts params or secrets in metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let output: @Sendable (String) -> Void

    /// Lines from every thread go out whole, one `write(2)` each, in the order they were logged.
    private static let standardErrorLock = Mutex(())

    /// A handler writing to stderr.
    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in
            let bytes = Array((line + "\n").utf8)
            standardErrorLock.withLock { _ in
                var offset = 0
                while offset < bytes.count {
                    let written = bytes[offset...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }

    /// A handler handing each line (without its newline) to `output`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, output: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let own = event.metadata { fields.merge(own) { _, new in new } }
        var object: [(String, JSONValue)] = [
            ("timestamp", .string(Self.now().rfc3339)), ("level", .string(event.level.rawValue)),
            ("message", .string(event.message.description)), ("label", .string(label)),
        ]
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            let name = ["timestamp", "level", "message", "label"].contains(key) ? "_" + key : key
            object.append((name, Self.json(value)))
        }
        output(JSONValue.object(JSONObject(object)).serialized())
    }

    private static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible):
            if let integer = convertible as? any BinaryInteger { .number("\(integer)") } else { .string(convertible.description) }
        case .array(let values): .array(values.map(json))
        case .dictionary(let members): .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// Wall-clock time (the daemon's test clock is for billing, not for logs).
    private static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}
