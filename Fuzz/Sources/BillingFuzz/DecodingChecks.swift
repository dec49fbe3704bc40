import BillingProtocol

/// What the daemon does with one framed line before any database work (JSON, envelope, batch,
/// method lookup, params), with the properties that must hold for any input:
/// - the parser only throws its typed failure (never traps, never recurses past its limit);
/// - a parsed value's `serialized()` text is one line and parses back to the same text;
/// - a decoded request's `json` decodes back to the same request;
/// - every error response the daemon would send is one line of JSON that parses back;
/// - validated params have every required member and a fingerprint that is valid JSON;
/// - `Money(parsing:scale:)` and `Timestamp(rfc3339:)` accept or reject any string or number
///   found in the input without trapping, and what they accept prints back to the same value.
enum DecodingChecks {
    static func check(line: [UInt8]) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            checkResponse(RPCResponse.failure(id: .null, error: RPCError(.parseError, "parse error: \(error.message) at byte \(error.offset)")))
            return
        }
        checkRoundTrip(value)
        checkScalars(in: value)
        if case .array(let elements) = value {
            elements.forEach(checkRequest)
        } else {
            checkRequest(value)
        }
    }

    static func checkRoundTrip(_ value: JSONValue) {
        let text = value.serialized()
        precondition(!text.utf8.contains(UInt8(ascii: "\n")), "serialized JSON holds a raw newline: \(text)")
        let again: JSONValue
        do {
            again = try JSONParser.parse(text)
        } catch {
            fatalError("serialized JSON does not parse (\(error)): \(text)")
        }
        precondition(again == value && again.serialized() == text, "JSON round trip changed the value: \(text)")
        let canonical = value.canonical()
        precondition((try? JSONParser.parse(canonical)) != nil, "canonical JSON does not parse: \(canonical)")
    }

    static func checkRequest(_ value: JSONValue) {
        let request: RPCRequest
        do {
            request = try RPCRequest.decode(value)
        } catch {
            checkResponse(RPCResponse.failure(id: error.id, error: error.error))
            return
        }
        let reencoded = try? RPCRequest.decode(request.json)
        precondition(reencoded == request, "request.json does not decode to the same request: \(request)")
        guard let descriptor = MethodCatalog.byName[request.method] else {
            checkResponse(RPCResponse.failure(id: request.id ?? .null, error: RPCError(
                .methodNotFound, "method '\(request.method)' not found", details: ["method": .string(request.method)])))
            return
        }
        do {
            let params = try ParamValidator.validate(request.params, against: descriptor)
            for spec in descriptor.params where spec.required {
                precondition(params.has(spec.name), "\(descriptor.name): required '\(spec.name)' passed validation without a value")
            }
            let fingerprint = params.fingerprint(except: [])
            precondition((try? JSONParser.parse(fingerprint)) != nil, "params fingerprint is not JSON: \(fingerprint)")
        } catch {
            checkResponse(RPCResponse.failure(id: request.id ?? .null, error: error))
        }
    }

    /// A response line must stay one line and be JSON, whatever text the client put in it.
    static func checkResponse(_ response: JSONValue) {
        let text = response.serialized()
        precondition(!text.utf8.contains(UInt8(ascii: "\n")), "response holds a raw newline: \(text)")
        precondition((try? JSONParser.parse(text)) == response, "response does not parse back: \(text)")
    }

    static func checkScalars(in value: JSONValue) {
        switch value {
        case .string(let text), .number(let text):
            checkMoney(text)
            checkTimestamp(text)
        case .array(let elements):
            elements.forEach(checkScalars)
        case .object(let object):
            for member in object {
                checkScalars(in: .string(member.key))
                checkScalars(in: member.value)
            }
        case .null, .bool:
            break
        }
    }

    static func checkMoney(_ text: String) {
        for scale in [Money.priceScale, Money.costScale] {
            guard let money = try? Money(parsing: text, scale: scale) else { continue }
            let printed = money.description
            let again = try? Money(parsing: printed, scale: scale)
            precondition(again == money, "Money(\(text), scale \(scale)) prints as \(printed), which parses to \(String(describing: again))")
        }
    }

    static func checkTimestamp(_ text: String) {
        guard let time = Timestamp(rfc3339: text) else { return }
        let printed = time.rfc3339
        precondition(Timestamp(rfc3339: printed) == time, "Timestamp(\(text)) prints as \(printed), which does not parse back")
    }
}
