import Crypto
import Foundation

/// The Lemon Squeezy signing secret. It is held as bytes, never as text, and prints redacted,
/// so no log line or error message can carry it by accident. (Bytes, not swift-crypto's
/// `SymmetricKey`, because that type is not `Sendable`; the key is rebuilt per check, which is cheap.)
public struct LemonSqueezySecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private let bytes: [UInt8]

    /// nil for an empty secret: an empty key would make every signature forgeable.
    public init?(_ secret: String) {
        guard !secret.isEmpty else { return nil }
        bytes = Array(secret.utf8)
    }

    /// The secret as `--lemonsqueezy-secret-file` holds it: the trailing newline an editor or
    /// `echo` leaves is not part of it.
    public static func secret(fromFileContents contents: String) -> String {
        var text = Substring(contents)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text = text.dropLast() }
        return String(text)
    }

    public var description: String { "LemonSqueezySecret(redacted)" }
    public var debugDescription: String { description }

    /// Whether `signature` is the hex HMAC-SHA256 of `payload`'s UTF-8 bytes. The MACs are
    /// compared in constant time (swift-crypto), so timing tells an attacker nothing.
    func verifies(_ payload: String, signature: String?) -> Bool {
        guard let signature, let mac = LemonSqueezySecret.bytes(hex: signature), mac.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(payload.utf8), using: SymmetricKey(data: bytes))
    }

    /// Decodes hex (either case); nil when it is not an even number of hex digits.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
