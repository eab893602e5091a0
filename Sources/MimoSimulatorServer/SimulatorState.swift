import MimoSimulator
import NIOCore
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

    /// Also forgets the prompts the cache remembers, so the next request starts cold.
    func clearRecordedRequests() {
        records.removeAll()
        recordedBodyBytes = 0
        lastPrompts.removeAll()
    }

    // MARK: Prompt cache

    /// How many keys' last prompts are remembered; the least recently used is forgotten first.
    static let maxCachedPrompts = 16
    private var lastPrompts: [(key: String, body: [UInt8])] = []

    /// The length of the prefix `body` shares with the previous body from `key`, which `body` then
    /// replaces: what a prefix cache keyed by account would have seen.
    func sharedPrefixBytes(key: String, body: ByteBufferView) -> Int {
        let bytes = Array(body)
        var shared = 0
        if let index = lastPrompts.firstIndex(where: { $0.key == key }) {
            let previous = lastPrompts.remove(at: index).body
            shared = zip(previous, bytes).prefix { $0 == $1 }.count
        }
        lastPrompts.append((key, bytes))
        if lastPrompts.count > Self.maxCachedPrompts { lastPrompts.removeFirst() }
        return shared
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
