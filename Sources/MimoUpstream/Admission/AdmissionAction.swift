/// What the owner of an `AdmissionState` must do after an event.
public enum AdmissionAction: Sendable, Hashable {
    /// The request may start now; it holds a slot until released or cancelled.
    case admit(UInt64)
    /// Call `timerFired(now:)` at this time (an offset on the owner's monotonic clock). A later
    /// request for an earlier time replaces it; firing late or spuriously is harmless.
    case scheduleTimer(at: Duration)
    /// The request will not be admitted; it is no longer tracked.
    case reject(UInt64, AdmissionRejection)
}
