/// The samples of a Prometheus text exposition, keyed by series (`name{labels}` exactly as written):
/// just enough parsing for assertions; the Python suite checks the format with prometheus_client.
struct PrometheusSamples {
    private(set) var values: [String: Double] = [:]
    /// `# TYPE` lines: family name to type.
    private(set) var types: [String: String] = [:]
    private(set) var helped: Set<String> = []

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 3)
            if line.hasPrefix("# TYPE "), words.count == 4 {
                types[String(words[2])] = String(words[3])
            } else if line.hasPrefix("# HELP "), words.count >= 3 {
                helped.insert(String(words[2]))
            } else if !line.hasPrefix("#"), let space = line.lastIndex(of: " ") {
                values[String(line[..<space])] = Double(line[line.index(after: space)...])
            }
        }
    }

    subscript(series: String) -> Double? { values[series] }
}
