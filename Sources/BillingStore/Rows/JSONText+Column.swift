import BillingProtocol

/// A kept document read from its column (`features`, `metadata`, `targets`): reparsed, so a row
/// an operator edited by hand (spaces, another layout) compares and answers like one we wrote;
/// a value that is not JSON reads as an empty object, as the wire would show it.
extension JSONText {
    init(column text: String) {
        self = (try? JSONParser.parse(text)).map(JSONText.init) ?? .emptyObject
    }
}
