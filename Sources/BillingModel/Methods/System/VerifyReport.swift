/// The answer of `system.verify`: every problem found (none when the books balance).
public struct VerifyReport: Sendable, Equatable {
    public let problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var ok: Bool { problems.isEmpty }
}
