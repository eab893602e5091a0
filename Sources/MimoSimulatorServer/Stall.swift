import Hummingbird

/// Holds a request silently. The wait ends early, by throwing, when the client closes its side of the
/// connection (Hummingbird's inbound-close cancellation), when the simulator stops, or when its task
/// is cancelled; the connection is not reused afterwards.
enum Stall {
    /// How often a stall checks whether the simulator is stopping.
    static let slice: Duration = .milliseconds(100)

    static func hold(_ requested: Duration, limit: Duration, request: Request, state: SimulatorState) async throws {
        let duration = min(requested, limit)
        guard duration > .zero else { return }
        await state.stallBegan()
        do {
            try await request.body.consumeWithCancellationOnInboundClose { _ in
                let clock = ContinuousClock()
                let deadline = clock.now + duration
                // Bounded: every pass sleeps one slice or up to the deadline.
                while clock.now < deadline {
                    if await state.isStopping { throw CancellationError() }
                    try await Task.sleep(for: min(slice, deadline - clock.now))
                }
            }
        } catch {
            await state.stallEnded()
            throw error
        }
        await state.stallEnded()
    }
}

/// Thrown from a response body writer to close the connection mid-body: Hummingbird closes a
/// connection whose body writer throws, so the client sees a truncated body.
struct SimulatedDisconnect: Error {}
