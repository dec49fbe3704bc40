extension MethodCatalog {
    static let userID = ParamSpec.required("user_id", .identifier, "The user.")

    static let credits: [MethodDescriptor] = [
        CreditsGet.descriptor, CreditsGrant.descriptor, CreditsConsume.descriptor, CreditsReserve.descriptor,
        CreditsCommit.descriptor, CreditsRelease.descriptor,
        MethodDescriptor(
            "credits.ledger", "Ledger entries, newest first: one per grant touched by each change.", access: .read,
            params: [userID, .limit, .cursor],
            result: [("entries", "[{entry_id, grant_id, delta, balance_after, kind, reference, created_at}]"), ("next_cursor", "string or null")],
            errors: ["not_found"]),
    ]
}
