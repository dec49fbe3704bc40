/// Where an edge sequence takes its choices from: a seeded generator (property tests, replayable
/// by seed) or the bytes of a fuzzer's input (libFuzzer steers them by coverage).
public protocol ChoiceSource {
    /// A number in `0..<count` (`count` > 0); a spent source answers 0.
    mutating func choose(_ count: Int) -> Int
    /// True while the source can still make meaningful choices.
    var hasMore: Bool { get }
}

extension ChoiceSource {
    public mutating func pick<T>(_ values: [T]) -> T { values[choose(values.count)] }
    public mutating func coin() -> Bool { choose(2) == 1 }
}

/// SplitMix64: tiny, seeded, so a failing seed replays exactly.
public struct SeededChoices: ChoiceSource {
    private var state: UInt64
    private var remaining: Int

    /// `steps` bounds how many choices the sequence may take (a property test's length).
    public init(seed: UInt64, choices: Int = .max) {
        state = seed
        remaining = choices
    }

    public var hasMore: Bool { remaining > 0 }

    public mutating func choose(_ count: Int) -> Int {
        remaining -= 1
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(count))
    }
}

/// A fuzzer's input read one byte per choice.
public struct ByteChoices: ChoiceSource {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var hasMore: Bool { index < bytes.count }

    public mutating func choose(_ count: Int) -> Int {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return Int(bytes[index]) % count
    }
}
