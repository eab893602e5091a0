/// A listening socket handed over by the service manager (socket activation).
public struct InheritedListener: Sendable, Hashable {
    /// The descriptor, already listening; `FD_CLOEXEC` is set on it.
    public let fd: Int32
    /// `FileDescriptorName=` from the socket unit, or "control"/"http" guessed from the address family
    /// when the manager sent no names.
    public let name: String
}
