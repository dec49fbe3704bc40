import BillingClient
import BillingProtocol
import BillingStore
import BillingTesting
import Foundation
import Testing

/// Both durability modes through the real socket: answers held until their batch is synced must
/// still keep read-your-writes on a connection, lose nothing across a restart and never wedge.
/// (What survives a power loss is `scripts/power_loss_test.py`'s job.)
@Suite(.serialized) struct DurabilityModesSocketTests {
    @Test(arguments: SyncMode.allCases)
    func pipelinedReadsSeeEveryEarlierWriteOfTheirConnection(mode: SyncMode) async throws {
        var options = TestDaemon.Options()
        options.database.synchronous = mode
        let daemon = try await TestDaemon.start(options)
        let socketPath = daemon.socketPath
        let rounds = 20
        // 16 connections each send consume, get, consume, get, … at once, without waiting.
        let mismatches = await withTaskGroup(of: [String].self) { group in
            for client in 0..<16 {
                group.addTask {
                    let user = "durable-\(client)"
                    guard let c = try? SocketConnection(path: socketPath),
                          (try? c.call("credits.grant", ["user_id": .string(user), "amount": 1000])) != nil else { return ["\(user): no connection"] }
                    var lines = ""
                    for i in 0..<rounds {
                        lines += #"{"id":\#(2 * i),"method":"credits.consume","params":{"user_id":"\#(user)","amount":1,"idempotency_key":"\#(user)-\#(i)"}}"# + "\n"
                        lines += #"{"id":\#(2 * i + 1),"method":"credits.get","params":{"user_id":"\#(user)"}}"# + "\n"
                    }
                    do {
                        try c.send(Array(lines.utf8))
                        var problems: [String] = []
                        for _ in 0..<(2 * rounds) {
                            let response = try c.readJSON()
                            guard let id = response["id"]?.int64Value, let result = response["result"] else {
                                problems.append("\(user): error \(response["error"]?["code"]?.int64Value ?? 0)")
                                continue
                            }
                            // The get sent after the (i+1)-th consume sees at least that many.
                            if id % 2 == 1, let used = result["total_credits_used"]?.int64Value, used < (id + 1) / 2 {
                                problems.append("\(user): get \(id) saw \(used) used")
                            }
                        }
                        return problems
                    } catch {
                        return ["\(user): \(error)"]
                    }
                }
            }
            var all: [String] = []
            for await problems in group { all += problems }
            return all
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(try daemon.call("system.verify")["ok"] == true)
        try await daemon.stop(keepFiles: true)

        var again = TestDaemon.Options()
        again.directory = daemon.directory
        again.database.synchronous = mode
        let restarted = try await TestDaemon.start(again)
        for client in 0..<16 {
            let credits = try restarted.call("credits.get", ["user_id": .string("durable-\(client)")])
            #expect(credits["total_credits_used"]?.int64Value == Int64(rounds) && credits["current_credits"] == 980)
        }
        try await restarted.stop()
    }
}
