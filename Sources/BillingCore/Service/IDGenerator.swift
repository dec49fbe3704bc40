import BillingProtocol
import Foundation
import Synchronization

/// Makes ids like `sub_0193a1b2c3d4_00a1f3_5e2b9c`: wall-clock milliseconds, a counter and
/// randomness. Time-ordered ids insert at the end of SQLite's B-trees, which keeps a 10-million
/// row `usage_logs` fast; the random tail keeps them unique across restarts.
public enum IDGenerator {
    private static let counter = Mutex<UInt32>(UInt32.random(in: 0..<(1 << 24)))

    public static func make(_ prefix: String) -> String {
        let ms = UInt64(Date().timeIntervalSince1970 * 1000)
        let sequence = counter.withLock { value -> UInt32 in
            value = (value &+ 1) & 0xFF_FFFF
            return value
        }
        let random = UInt32.random(in: 0..<(1 << 24))
        return "\(prefix)_\(hex(ms, 12))\(hex(UInt64(sequence), 6))\(hex(UInt64(random), 6))"
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let s = String(value, radix: 16)
        return s.count >= width ? String(s.suffix(width)) : String(repeating: "0", count: width - s.count) + s
    }
}
