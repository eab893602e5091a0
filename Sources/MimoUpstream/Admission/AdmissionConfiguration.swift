/// Limits on how requests are let through to MiMo, which allows 100 requests a minute per account
/// and model (mimo-api.md §9) and answers 429 beyond that or when a Token Plan quota runs out.
public struct AdmissionConfiguration: Sendable, Hashable {
    /// Requests streaming from MiMo at once.
    public var maxConcurrent: Int
    /// The least time between two admissions. 600 ms keeps any burst under 100 a minute.
    public var minSpacing: Duration
    /// How long to hold everyone back after a 429 that carried no `Retry-After` (MiMo sends none).
    public var defaultBackoff: Duration
    /// Requests allowed to queue; more are rejected at once rather than piling up.
    public var maxWaiting: Int
    /// The longest a request may queue before it is rejected; nil waits as long as it takes.
    public var maxWait: Duration?

    public init(
        maxConcurrent: Int = 4, minSpacing: Duration = .milliseconds(600), defaultBackoff: Duration = .seconds(10),
        maxWaiting: Int = 64, maxWait: Duration? = .seconds(120)
    ) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.minSpacing = max(.zero, minSpacing)
        self.defaultBackoff = max(.zero, defaultBackoff)
        self.maxWaiting = max(0, maxWaiting)
        self.maxWait = maxWait.map { max(.zero, $0) }
    }
}
