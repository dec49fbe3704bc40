/// Builds response objects. The member order (`jsonrpc`, `id`, `result`/`error`) is fixed.
public enum RPCResponse {
    public static func success(id: JSONValue, result: JSONValue) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    public static func failure(id: JSONValue, error: RPCError) -> JSONValue {
        .object(["jsonrpc": "2.0", "id": id, "error": error.json])
    }
}
