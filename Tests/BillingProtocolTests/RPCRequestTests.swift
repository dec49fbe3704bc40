import Testing
@testable import BillingProtocol

@Suite struct RPCRequestTests {
    func decode(_ text: String) throws(RPCResponseError) -> RPCRequest {
        try RPCRequest.decode(try! JSONParser.parse(text))
    }

    @Test func decodesRequestsAndNotifications() throws {
        let request = try decode(#"{"jsonrpc":"2.0","id":7,"method":"plans.list","params":{"a":1}}"#)
        #expect(request.id == .number("7"))
        #expect(request.params["a"] == .number("1"))
        #expect(try decode(#"{"method":"plans.list"}"#).isNotification)
        #expect(try decode(#"{"id":null,"method":"x"}"#).id == .some(.null))
        #expect(try decode(#"{"id":"abc","method":"x","params":null}"#).params.isEmpty)
    }

    @Test(arguments: [
        (#"[]"#, -32600), (#"5"#, -32600), (#"{"id":1}"#, -32600), (#"{"id":1,"method":""}"#, -32600),
        (#"{"id":1,"method":7}"#, -32600), (#"{"jsonrpc":"1.0","id":1,"method":"x"}"#, -32600),
        (#"{"id":{},"method":"x"}"#, -32600), (#"{"id":1,"method":"x","params":[1]}"#, -32602),
        (#"{"id":1,"method":"x","params":"a"}"#, -32600), (#"{"id":1,"method":"x","extra":1}"#, -32600),
    ])
    func rejectsBadEnvelopes(_ text: String, _ code: Int) {
        do {
            _ = try decode(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.error.code.code == code)
        }
    }

    @Test func errorsAnswerWithTheRequestIDWhenItIsUsable() {
        do {
            _ = try decode(#"{"jsonrpc":"1.0","id":"r1","method":"x"}"#)
        } catch {
            #expect(error.id == .string("r1"))
        }
    }
}
