import Glibc

/// Who is on the other end of a control connection, as the kernel reports it (SO_PEERCRED), so the
/// identity cannot be forged by the client.
public struct ControlPeer: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    /// The daemon answers its own user and root; the socket's 0600 mode already says so, and this
    /// check holds even if someone loosens the mode or hands the fd to another process.
    public func isPermitted(daemonUID: UInt32) -> Bool { uid == daemonUID || uid == 0 }

    public var description: String { "pid \(pid) uid \(uid)" }
}

/// `struct ucred` from <sys/socket.h>, which Swift's Glibc module does not import (it needs _GNU_SOURCE).
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0

    var peer: ControlPeer { ControlPeer(pid: pid, uid: uid, gid: gid) }
}
