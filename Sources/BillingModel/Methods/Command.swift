/// One method as the domain sees it: its name, where it runs, its typed parameters and its
/// typed result. Nothing here knows the wire: `BillingProtocol` adds each method's catalog entry
/// and JSON coding (`BillingMethod`), so the domain takes and returns plain values.
public protocol Command: Sendable {
    associatedtype Parameters: Sendable
    associatedtype Result: Sendable
    static var name: String { get }
    static var access: MethodAccess { get }
}
