/// Which SQL a `Connection` speaks. The domain's statements are written once in the common
/// subset; the few that cannot be (date bucketing, integrity pragmas, catalog lookups) branch on this.
public enum SQLDialect: Sendable {
    case sqlite
    case postgresql
}
