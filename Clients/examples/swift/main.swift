// An end-to-end use of the Swift client: a free subscription, an idempotent consume, the
// balance, and the typed error when credits run out.
//
//     swift run billing-client-example [SOCKET]     (default: $BILLINGD_SOCKET, else ./billingd.sock)
import BillingClient
import BillingProtocol
import Foundation

let client = BillingClient(socketPath: CommandLine.arguments.dropFirst().first)
let user = "example-\(Int(Date().timeIntervalSince1970))"

let subscription = try await client.createSubscription(userID: user, planID: "free")
print("subscribed \(user): \(subscription)")

let used = try await client.consume(userID: user, amount: 3, idempotencyKey: "\(user)-job-1",
                                    usage: UsageFields(category: "electronics", costUSD: Money(minorUnits: 1200, scale: 6)))
print("consumed \(used.creditsUsed), \(used.currentCredits) left")

let balance = try await client.credits(userID: user)
print("balance \(balance.currentCredits), next refill \(balance.nextCreditRefill?.rfc3339 ?? "-")")

do {
    _ = try await client.consume(userID: user, amount: 100)
} catch let error as RPCError where error.code == .insufficientCredits {
    print("refused: \(error.details["available"]?.serialized() ?? "?") available, \(error.details["requested"]?.serialized() ?? "?") requested")
}
client.close()
