import ArgumentParser
import BillingClient
import BillingProtocol
import Foundation

/// `billingd call METHOD key=value key:=json ...`: one request; the result on stdout as JSON.
/// Exit codes: 0 success, 1 an error answer (message on stderr), 2 no daemon reachable.
struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call one method on the running daemon and print the result as JSON.",
        discussion: """
            Params are key=value (a string) or key:=json (a number, boolean, null, array or object):

              billingd call credits.consume user_id=shop-1 amount:=1 idempotency_key=job-42

            Exit status: 0 on a result; 1 on an error answer (code, type and message on stderr); 2 when \
            no daemon answers on the socket. `billingd call system.methods` lists every method.
            """)

    @Option(help: ArgumentHelp("Unix socket of the daemon (env BILLINGD_SOCKET, default ./billingd.sock).", valueName: "path"))
    var socket: String?

    @Argument(help: "The method, e.g. plans.list.")
    var method: String

    @Argument(help: ArgumentHelp("key=value (string) or key:=json (number, boolean, array, object, null).", valueName: "param"))
    var params: [String] = []

    func run() throws {
        var object = JSONObject()
        for argument in params {
            if let range = argument.range(of: ":=") {
                let key = String(argument[..<range.lowerBound])
                do {
                    object[key] = try JSONParser.parse(String(argument[range.upperBound...]))
                } catch {
                    throw ValidationError("'\(argument)': the value after := is not JSON")
                }
            } else if let equals = argument.firstIndex(of: "=") {
                object[String(argument[..<equals])] = .string(String(argument[argument.index(after: equals)...]))
            } else {
                throw ValidationError("'\(argument)' is neither key=value nor key:=json")
            }
        }
        let connection: SocketConnection
        do {
            connection = try SocketConnection(path: SocketConnection.resolvePath(socket))
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(2)
        }
        do {
            print(try connection.call(method, object).pretty())
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("billingd: error \(error.code.code) \(error.code.type): \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("billingd: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
