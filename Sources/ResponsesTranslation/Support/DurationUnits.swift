/// `Duration` in the units logs, metrics, headers and system calls want; the one place that knows
/// how many attoseconds make a millisecond.
extension Duration {
    /// Seconds, with the fraction (log lines, metrics, control replies).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole milliseconds, the fraction dropped.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole microseconds, the fraction dropped.
    public var wholeMicroseconds: Int64 {
        components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000
    }

    /// Whole seconds, rounded up and at least 1: what a `Retry-After` says.
    public var roundedUpSeconds: Int {
        max(1, Int(components.seconds) + (components.attoseconds > 0 ? 1 : 0))
    }
}
