/// Linux's `struct ucred` (pid, uid, gid), which Swift's Glibc module does not import
/// (it sits behind `_GNU_SOURCE`); the layout is three 32-bit fields, as the kernel fills it.
struct UnixCredentials: Sendable {
    /// `SO_PEERCRED` on Linux.
    static let option: Int32 = 17

    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
