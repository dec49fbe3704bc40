/// How `usage.summary` groups rows: by UTC date or by one usage field.
public enum UsageGrouping: String, Sendable, CaseIterable {
    case day, usageType = "usage_type", category, languageCode = "language_code", endpointUsed = "endpoint_used"
}
