/// Why the inherited listeners could not be read.
public enum InheritedListenersError: Error, Sendable, Equatable {
    /// `sd_listen_fds_with_names` failed, e.g. EINVAL when `LISTEN_FDNAMES` and `LISTEN_FDS` disagree.
    case malformedEnvironment(errno: Int32)
}
