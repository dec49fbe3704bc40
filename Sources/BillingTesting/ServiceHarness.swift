import BillingCore
import BillingProtocol
import Testing

/// A billing service called in-process, without a socket: the domain tests' harnesses on SQLite
/// (BillingCoreTests) and on PostgreSQL (BillingPostgresTests) share these calls and checks.
public protocol ServiceHarness {
    var service: BillingService { get }
}

extension ServiceHarness {
    @discardableResult
    public func call(_ method: String, _ params: JSONObject = [:]) throws -> JSONValue {
        try service.perform(method, params)
    }

    /// The wire error of a call that must fail.
    public func failure(_ method: String, _ params: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) -> RPCError? {
        do {
            let result = try call(method, params)
            Issue.record("\(method) succeeded: \(result.serialized())", sourceLocation: sourceLocation)
            return nil
        } catch let error as RPCError {
            return error
        } catch let error as BillingError {
            return error.rpcError
        } catch {
            Issue.record("\(method) failed with \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    public func balance(_ user: String) throws -> Int64 {
        try call("credits.get", ["user_id": .string(user)])["current_credits"]!.int64Value!
    }

    /// system.verify must be clean.
    public func verify(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let report = try call("system.verify")
        #expect(report["ok"] == true, "\(report["problems"]?.serialized() ?? "")", sourceLocation: sourceLocation)
    }
}
