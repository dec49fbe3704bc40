import ArgumentParser
import BillingProtocol

/// `billingd catalog`: prints the method catalog; `Protocol/methods.json` is this output.
struct Catalog: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the machine-readable method catalog (Protocol/methods.json).")

    func run() throws {
        print(MethodCatalog.json.pretty())
    }
}
