import Synchronization
import Testing
@testable import MimoUpstream

/// The gate on a real clock. Waits are short and bounded; nothing asserts how long anything took.
@Suite struct AdmissionGateTests {
    static func configuration(maxConcurrent: Int = 1, minSpacing: Duration = .zero) -> AdmissionConfiguration {
        AdmissionConfiguration(maxConcurrent: maxConcurrent, minSpacing: minSpacing, defaultBackoff: .milliseconds(20),
                               maxWaiting: 16, maxWait: .seconds(30))
    }

    /// The task's value; after five seconds the task is cancelled, so a broken gate fails the test
    /// (with `CancellationError`) instead of hanging the run.
    static func value<T: Sendable>(of task: Task<T, any Error>) async throws -> T {
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            task.cancel()
        }
        defer { watchdog.cancel() }
        return try await task.value
    }

    static func acquire(_ gate: AdmissionGate, id: UInt64) async throws -> AdmissionTicket {
        try await value(of: Task { try await gate.acquire(id: id) })
    }

    /// Polls until `condition` holds, for at most about five seconds.
    static func eventually(_ condition: () async -> Bool) async throws -> Bool {
        for _ in 0..<5000 {
            if await condition() { return true }
            try await Task.sleep(for: .milliseconds(1))
        }
        return await condition()
    }

    @Test func cancellingAWaiterThrowsAndLeaksNoSlot() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let first = try await Self.acquire(gate, id: 1)
        let waiter = Task { try await gate.acquire(id: 2) }
        #expect(try await Self.eventually { gate.snapshot.waiting == 1 })
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await Self.value(of: waiter) }
        #expect(gate.snapshot == AdmissionSnapshot(inFlight: 1, waiting: 0, backoffRemaining: .zero))
        gate.release(first)
        // The slot is free: the next request is admitted at once.
        let third = try await Self.acquire(gate, id: 3)
        #expect(gate.snapshot.inFlight == 1)
        gate.release(third)
        #expect(gate.snapshot.inFlight == 0)
    }

    @Test func anAlreadyCancelledTaskNeverTakesASlot() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await gate.acquire(id: 1)
        }
        await #expect(throws: CancellationError.self) { try await Self.value(of: task) }
        #expect(gate.snapshot == AdmissionSnapshot(inFlight: 0, waiting: 0, backoffRemaining: .zero))
    }

    @Test func waitersAreAdmittedInArrivalOrder() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let holder = try await Self.acquire(gate, id: 100)
        var tasks: [Task<UInt64, any Error>] = []
        let order = Recorder()
        for id in UInt64(1)...4 {
            tasks.append(Task {
                let ticket = try await gate.acquire(id: id)
                await order.append(id)
                gate.release(ticket)
                return id
            })
            #expect(try await Self.eventually { gate.snapshot.waiting == Int(id) })
        }
        gate.release(holder)
        for task in tasks { _ = try await Self.value(of: task) }
        #expect(await order.values == [1, 2, 3, 4])
        #expect(gate.snapshot.inFlight == 0)
    }

    @Test func a429HoldsNewRequestsBackUntilTheWindowEnds() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 4))
        gate.rateLimited(retryAfter: .milliseconds(50))
        #expect(gate.snapshot.backoffRemaining > .zero)
        let waiter = Task { try await gate.acquire(id: 1) }
        // Held back at first (the window is still open while we look), then admitted by the timer.
        let ticket = try await Self.value(of: waiter)
        #expect(gate.snapshot.backoffRemaining == .zero)
        #expect(gate.snapshot.inFlight == 1)
        gate.release(ticket)
    }

    @Test func spacingIsEnforcedByTheTimer() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 4, minSpacing: .milliseconds(30)))
        let first = try await Self.acquire(gate, id: 1)
        let second = Task { try await gate.acquire(id: 2) }
        #expect(try await Self.eventually {
            let snapshot = gate.snapshot
            return snapshot.waiting == 1 || snapshot.inFlight == 2
        })
        let ticket = try await Self.value(of: second)
        #expect(gate.snapshot.inFlight == 2)
        gate.release(first)
        gate.release(ticket)
        gate.release(ticket)  // twice: harmless
        #expect(gate.snapshot.inFlight == 0)
    }

    @Test func aStaleTicketCannotFreeALaterHolderOfTheSameID() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 2))
        let old = try await Self.acquire(gate, id: 7)
        gate.release(old)
        let current = try await Self.acquire(gate, id: 7)
        gate.release(old)
        #expect(gate.snapshot.inFlight == 1)
        gate.release(current)
        #expect(gate.snapshot.inFlight == 0)
    }

    @Test func aDuplicateWaitingIDIsRejectedAndTheOriginalStillWaits() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let holder = try await Self.acquire(gate, id: 1)
        let original = Task { try await gate.acquire(id: 2) }
        #expect(try await Self.eventually { gate.snapshot.waiting == 1 })
        await #expect(throws: AdmissionRejection.duplicateID(2)) { try await Self.acquire(gate, id: 2) }
        gate.release(holder)
        let ticket = try await Self.value(of: original)
        #expect(ticket.id == 2)
        gate.release(ticket)
    }

    @Test func withAdmissionReleasesOnSuccessAndOnError() async throws {
        struct Boom: Error {}
        let gate = AdmissionGate(configuration: Self.configuration())
        let value = try await gate.withAdmission(id: 1) { 42 }
        #expect(value == 42)
        await #expect(throws: Boom.self) { try await gate.withAdmission(id: 2) { throw Boom() } }
        #expect(gate.snapshot.inFlight == 0)
    }

    /// Many requesters, some cancelled at random moments: afterwards nothing is held or queued.
    @Test func randomCancellationsLeakNothing() async throws {
        let gate = AdmissionGate(configuration: AdmissionConfiguration(
            maxConcurrent: 3, minSpacing: .milliseconds(1), defaultBackoff: .milliseconds(5), maxWaiting: 100, maxWait: nil))
        let tasks = (UInt64(1)...60).map { id in
            Task {
                try await gate.withAdmission(id: id) {
                    try await Task.sleep(for: .milliseconds(Int(id % 3)))
                }
            }
        }
        for (index, task) in tasks.enumerated() where index % 3 == 0 {
            task.cancel()
            if index % 9 == 0 { gate.rateLimited(retryAfter: .milliseconds(2)) }
            try await Task.sleep(for: .milliseconds(1))
        }
        for task in tasks { _ = try? await Self.value(of: task) }
        #expect(gate.snapshot == AdmissionSnapshot(inFlight: 0, waiting: 0, backoffRemaining: .zero))
    }
}

extension AdmissionGateTests {
    /// Slots held right now and the most ever held at once. (Atomics, which ThreadSanitizer sees;
    /// it does not see `Mutex`'s hand-offs on Linux.)
    final class Occupancy: Sendable {
        let now = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        func enter() {
            let held = now.add(1, ordering: .relaxed).newValue
            var seen = most.load(ordering: .relaxed)
            while held > seen {
                let (exchanged, current) = most.compareExchange(expected: seen, desired: held, ordering: .relaxed)
                if exchanged { break }
                seen = current
            }
        }
        func leave() { now.subtract(1, ordering: .relaxed) }
    }

    /// Requesters on many threads at once, most admitted without waiting, the rest queued and woken
    /// by releases from other threads: never more than `maxConcurrent` hold a slot, and every one gets
    /// its turn.
    @Test func concurrentRequestersNeverExceedTheLimit() async throws {
        let gate = AdmissionGate(configuration: AdmissionConfiguration(
            maxConcurrent: 2, minSpacing: .zero, maxWaiting: 1000, maxWait: nil))
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for turn in 0..<200 {
                        try await gate.withAdmission(id: UInt64(worker * 1000 + turn)) {
                            occupancy.enter()
                            if turn % 4 == 0 { await Task.yield() }
                            occupancy.leave()
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let (now, most) = (occupancy.now.load(ordering: .relaxed), occupancy.most.load(ordering: .relaxed))
        #expect(now == 0 && most >= 1 && most <= 2, "held now \(now), at most \(most)")
        #expect(gate.snapshot == AdmissionSnapshot(inFlight: 0, waiting: 0, backoffRemaining: .zero))
    }
}

private actor Recorder {
    var values: [UInt64] = []
    func append(_ value: UInt64) { values.append(value) }
}
