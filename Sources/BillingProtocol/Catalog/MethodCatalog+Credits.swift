extension MethodCatalog {
    static let credits: [MethodDescriptor] = [
        CreditsGet.descriptor, CreditsGrant.descriptor, CreditsConsume.descriptor, CreditsReserve.descriptor,
        CreditsCommit.descriptor, CreditsRelease.descriptor,
        CreditsLedger.descriptor,
    ]
}
