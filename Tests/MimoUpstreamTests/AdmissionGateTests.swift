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
        #expect(try await Self.eventually { await gate.snapshot.waiting == 1 })
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await Self.value(of: waiter) }
        #expect(await gate.snapshot == AdmissionSnapshot(inFlight: 1, waiting: 0, backoffRemaining: .zero))
        await gate.release(first)
        // The slot is free: the next request is admitted at once.
        let third = try await Self.acquire(gate, id: 3)
        #expect(await gate.snapshot.inFlight == 1)
        await gate.release(third)
        #expect(await gate.snapshot.inFlight == 0)
    }

    @Test func anAlreadyCancelledTaskNeverTakesASlot() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await gate.acquire(id: 1)
        }
        await #expect(throws: CancellationError.self) { try await Self.value(of: task) }
        #expect(await gate.snapshot == AdmissionSnapshot(inFlight: 0, waiting: 0, backoffRemaining: .zero))
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
                await gate.release(ticket)
                return id
            })
            #expect(try await Self.eventually { await gate.snapshot.waiting == Int(id) })
        }
        await gate.release(holder)
        for task in tasks { _ = try await Self.value(of: task) }
        #expect(await order.values == [1, 2, 3, 4])
        #expect(await gate.snapshot.inFlight == 0)
    }

    @Test func a429HoldsNewRequestsBackUntilTheWindowEnds() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 4))
        await gate.rateLimited(retryAfter: .milliseconds(50))
        #expect(await gate.snapshot.backoffRemaining > .zero)
        let waiter = Task { try await gate.acquire(id: 1) }
        // Held back at first (the window is still open while we look), then admitted by the timer.
        let ticket = try await Self.value(of: waiter)
        #expect(await gate.snapshot.backoffRemaining == .zero)
        #expect(await gate.snapshot.inFlight == 1)
        await gate.release(ticket)
    }

    @Test func spacingIsEnforcedByTheTimer() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 4, minSpacing: .milliseconds(30)))
        let first = try await Self.acquire(gate, id: 1)
        let second = Task { try await gate.acquire(id: 2) }
        #expect(try await Self.eventually {
            let snapshot = await gate.snapshot
            return snapshot.waiting == 1 || snapshot.inFlight == 2
        })
        let ticket = try await Self.value(of: second)
        #expect(await gate.snapshot.inFlight == 2)
        await gate.release(first)
        await gate.release(ticket)
        await gate.release(ticket)  // twice: harmless
        #expect(await gate.snapshot.inFlight == 0)
    }

    @Test func aStaleTicketCannotFreeALaterHolderOfTheSameID() async throws {
        let gate = AdmissionGate(configuration: Self.configuration(maxConcurrent: 2))
        let old = try await Self.acquire(gate, id: 7)
        await gate.release(old)
        let current = try await Self.acquire(gate, id: 7)
        await gate.release(old)
        #expect(await gate.snapshot.inFlight == 1)
        await gate.release(current)
        #expect(await gate.snapshot.inFlight == 0)
    }

    @Test func aDuplicateWaitingIDIsRejectedAndTheOriginalStillWaits() async throws {
        let gate = AdmissionGate(configuration: Self.configuration())
        let holder = try await Self.acquire(gate, id: 1)
        let original = Task { try await gate.acquire(id: 2) }
        #expect(try await Self.eventually { await gate.snapshot.waiting == 1 })
        await #expect(throws: AdmissionRejection.duplicateID(2)) { try await Self.acquire(gate, id: 2) }
        await gate.release(holder)
        let ticket = try await Self.value(of: original)
        #expect(ticket.id == 2)
        await gate.release(ticket)
    }

    @Test func withAdmissionReleasesOnSuccessAndOnError() async throws {
        struct Boom: Error {}
        let gate = AdmissionGate(configuration: Self.configuration())
        let value = try await gate.withAdmission(id: 1) { 42 }
        #expect(value == 42)
        await #expect(throws: Boom.self) { try await gate.withAdmission(id: 2) { throw Boom() } }
        #expect(await gate.snapshot.inFlight == 0)
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
            if index % 9 == 0 { await gate.rateLimited(retryAfter: .milliseconds(2)) }
            try await Task.sleep(for: .milliseconds(1))
        }
        for task in tasks { _ = try? await Self.value(of: task) }
        #expect(await gate.snapshot == AdmissionSnapshot(inFlight: 0, waiting: 0, backoffRemaining: .zero))
    }
}

private actor Recorder {
    var values: [UInt64] = []
    func append(_ value: UInt64) { values.append(value) }
}
