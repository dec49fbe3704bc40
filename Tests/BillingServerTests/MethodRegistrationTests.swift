import BillingProtocol
import BillingTesting
import Testing

/// The one-declaration rule: every catalog method is registered exactly where its declared
/// access says — the service runs the read and write methods, the server answers the rest —
/// and nothing is registered that the catalog does not declare.
@Suite struct MethodRegistrationTests {
    @Test func registrationsMatchTheCatalogInBothDirections() async throws {
        let daemon = try await TestDaemon.start()
        let served = daemon.service.methodNames
        let declared = Dictionary(uniqueKeysWithValues: MethodCatalog.all.map { ($0.name, $0.access) })
        #expect(served.subtracting(declared.keys).isEmpty, "registered but not declared: \(served.subtracting(declared.keys))")
        for (name, access) in declared {
            #expect(served.contains(name) == (access != .server), "\(name) is declared \(access.rawValue)")
        }
        #expect(MethodCatalog.byName.count == MethodCatalog.all.count, "a method is declared twice")
        try await daemon.stop()
    }
}
