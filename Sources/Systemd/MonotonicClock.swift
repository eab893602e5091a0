import Glibc

/// CLOCK_MONOTONIC, the clock systemd uses for `MONOTONIC_USEC`.
enum MonotonicClock {
    /// Microseconds since an unspecified start (boot), as systemd reads it.
    static func microseconds() -> UInt64 {
        var now = timespec()
        // CLOCK_MONOTONIC cannot fail on Linux with a valid pointer.
        _ = clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
