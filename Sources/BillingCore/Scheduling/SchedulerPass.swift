/// One real-clock scheduler pass as its caller sees it: the report, and what
/// `SchedulerHealth` made of it (which items fail, how often in a row, which recovered).
public struct SchedulerPass: Sendable {
    public let report: SchedulerReport
    public let failing: [SchedulerHealth.Failing]
    public let recovered: [SchedulerItem]
}
