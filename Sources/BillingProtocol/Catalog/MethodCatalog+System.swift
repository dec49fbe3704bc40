extension MethodCatalog {
    static let system: [MethodDescriptor] = [
        SystemHealth.descriptor,
        SystemMethods.descriptor,
        SystemStats.descriptor,
        SystemMetrics.descriptor,
        SystemMigrations.descriptor,
        SystemVerify.descriptor,
        SystemBackup.descriptor,
        SystemClock.descriptor,
        SystemClockAdvance.descriptor,
        SystemClockSet.descriptor,
    ]
}
