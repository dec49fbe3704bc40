import NIOCore
import Synchronization

/// The open connections, so shutdown can drain them and `maxConnections` can be enforced.
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Adds a channel unless `limit` are already open.
    func add(_ channel: any Channel, limit: Int) -> Bool {
        channels.withLock { table in
            guard table.count < limit else { return false }
            table[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func remove(_ channel: any Channel) {
        _ = channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var all: [any Channel] { channels.withLock { Array($0.values) } }
}
