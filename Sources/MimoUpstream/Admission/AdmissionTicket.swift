/// Proof of admission: the holder may call MiMo until it hands the ticket back with
/// `AdmissionGate.release(_:)`. Only the gate makes tickets; each carries a serial number, so a
/// stale ticket released twice cannot free a later request that reused its id.
public struct AdmissionTicket: Sendable, Hashable {
    public let id: UInt64
    let serial: UInt64

    init(id: UInt64, serial: UInt64) {
        self.id = id
        self.serial = serial
    }
}
