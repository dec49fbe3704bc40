/// `packs.list`: every credit pack.
public enum PacksList: Command {
    public typealias Result = PackList
    public typealias Parameters = NoParameters
    public static let name = "packs.list"
    public static let access = MethodAccess.read
}
