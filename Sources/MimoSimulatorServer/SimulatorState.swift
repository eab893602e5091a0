import MimoSimulator
import ResponsesTranslation

/// Everything the simulator remembers between requests: the fault queue, the request record, which
/// `_ONCE` fault directives have fired, and a serial for ids. Every collection is bounded.
actor SimulatorState {
    static let maxQueuedFaults = 1_000
    static let maxRememberedOnceDirectives = 1_000

    private let maxRecordedRequests: Int
    private let maxRecordedBodyBytes: Int
    private var faults: [SimulatedFault] = []
    private var records: [(value: JSONValue, bodyBytes: Int)] = []
    private var recordedBodyBytes = 0
    private var firedOnceDirectives: Set<UInt64> = []
    private var firedOnceOrder: [UInt64] = []
    private var serial: UInt64 = 0
    private(set) var activeStalls = 0
    /// The models served now; `POST /__sim/models` replaces them.
    var lineup: SimulatedModelLineup
    let initialLineup: SimulatedModelLineup
    /// Set by `stop()`: stalls end at once, so a graceful shutdown is not held up by them.
    private(set) var isStopping = false

    init(maxRecordedRequests: Int, maxRecordedBodyBytes: Int, lineup: SimulatedModelLineup = SimulatedModelLineup()) {
        self.lineup = lineup
        self.initialLineup = lineup
        self.maxRecordedRequests = max(1, maxRecordedRequests)
        self.maxRecordedBodyBytes = max(0, maxRecordedBodyBytes)
    }

    // MARK: Faults

    /// Appends to the FIFO queue; faults beyond `maxQueuedFaults` are dropped. Returns how many were taken.
    @discardableResult
    func enqueue(_ newFaults: [SimulatedFault]) -> Int {
        let accepted = newFaults.prefix(max(0, Self.maxQueuedFaults - faults.count))
        faults.append(contentsOf: accepted)
        return accepted.count
    }

    /// Empties the queue and forgets which `_ONCE` directives have fired.
    func clearFaults() {
        faults.removeAll()
        firedOnceDirectives.removeAll()
        firedOnceOrder.removeAll()
    }

    func takeNextFault() -> SimulatedFault? {
        faults.isEmpty ? nil : faults.removeFirst()
    }

    var pendingFaultCount: Int { faults.count }

    /// True the first time a fingerprint is claimed; the memory is bounded, oldest forgotten first.
    func claimOnce(_ fingerprint: UInt64) -> Bool {
        guard firedOnceDirectives.insert(fingerprint).inserted else { return false }
        firedOnceOrder.append(fingerprint)
        if firedOnceOrder.count > Self.maxRememberedOnceDirectives {
            firedOnceDirectives.remove(firedOnceOrder.removeFirst())
        }
        return true
    }

    // MARK: Recording

    func record(_ value: JSONValue, bodyBytes: Int) {
        records.append((value, bodyBytes))
        recordedBodyBytes += bodyBytes
        // Keep at least the newest record, however large, so a test can always see the last request.
        while records.count > 1, records.count > maxRecordedRequests || recordedBodyBytes > maxRecordedBodyBytes {
            recordedBodyBytes -= records.removeFirst().bodyBytes
        }
    }

    func recordedRequests() -> [JSONValue] { records.map(\.value) }

    func clearRecordedRequests() {
        records.removeAll()
        recordedBodyBytes = 0
    }

    // MARK: Models

    func replaceLineup(_ lineup: SimulatedModelLineup) { self.lineup = lineup }

    func resetLineup() { lineup = initialLineup }

    // MARK: Bookkeeping

    func nextSerial() -> UInt64 {
        serial += 1
        return serial
    }

    func beginStopping() { isStopping = true }

    func stallBegan() { activeStalls += 1 }
    func stallEnded() { activeStalls -= 1 }
}
