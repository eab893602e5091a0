import PropertyBased
import Testing
@testable import MimoUpstream

@Suite struct AdmissionStateTests {
    static func ms(_ value: Int) -> Duration { .milliseconds(value) }

    static func configuration(
        maxConcurrent: Int = 2, minSpacing: Int = 0, defaultBackoff: Int = 1000, maxWaiting: Int = 10, maxWait: Int? = nil
    ) -> AdmissionConfiguration {
        AdmissionConfiguration(maxConcurrent: maxConcurrent, minSpacing: ms(minSpacing), defaultBackoff: ms(defaultBackoff),
                               maxWaiting: maxWaiting, maxWait: maxWait.map(ms))
    }

    @Test func concurrencyIsCappedAndReleasesAdmitInArrivalOrder() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 2))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 2, now: .zero) == [.admit(2)])
        #expect(state.requestAdmission(id: 3, now: .zero) == [])
        #expect(state.requestAdmission(id: 4, now: .zero) == [])
        #expect(state.snapshot(now: .zero) == AdmissionSnapshot(inFlight: 2, waiting: 2, backoffRemaining: .zero))
        #expect(state.release(id: 2, now: Self.ms(5)) == [.admit(3)])
        #expect(state.release(id: 2, now: Self.ms(6)) == [])  // twice: harmless
        #expect(state.release(id: 1, now: Self.ms(7)) == [.admit(4)])
        #expect(state.snapshot(now: Self.ms(7)) == AdmissionSnapshot(inFlight: 2, waiting: 0, backoffRemaining: .zero))
    }

    @Test func admissionsAreSpacedByATimer() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 5, minSpacing: 100))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 2, now: Self.ms(10)) == [.scheduleTimer(at: Self.ms(100))])
        // The timer is already asked for; a third waiter needs no new one.
        #expect(state.requestAdmission(id: 3, now: Self.ms(20)) == [])
        #expect(state.timerFired(now: Self.ms(100)) == [.admit(2), .scheduleTimer(at: Self.ms(200))])
        #expect(state.timerFired(now: Self.ms(200)) == [.admit(3)])
        // Well after the last admission, a request goes straight through.
        #expect(state.requestAdmission(id: 4, now: Self.ms(400)) == [.admit(4)])
    }

    @Test func a429OpensOneSharedWindowThatOnlyGrows() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 5, defaultBackoff: 1000))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.rateLimited(retryAfter: nil, now: Self.ms(100)) == [])
        #expect(state.snapshot(now: Self.ms(100)).backoffRemaining == Self.ms(1000))
        #expect(state.requestAdmission(id: 2, now: Self.ms(200)) == [.scheduleTimer(at: Self.ms(1100))])
        // A shorter Retry-After does not shorten the window.
        #expect(state.rateLimited(retryAfter: Self.ms(10), now: Self.ms(300)) == [])
        #expect(state.snapshot(now: Self.ms(300)).backoffRemaining == Self.ms(800))
        // A longer one extends it; the earlier timer fires first and is renewed.
        #expect(state.rateLimited(retryAfter: Self.ms(2000), now: Self.ms(400)) == [])
        #expect(state.timerFired(now: Self.ms(1100)) == [.scheduleTimer(at: Self.ms(2400))])
        #expect(state.timerFired(now: Self.ms(2400)) == [.admit(2)])
        #expect(state.snapshot(now: Self.ms(2400)).backoffRemaining == .zero)
    }

    @Test func cancellingAWaiterRemovesItAndCancellingAnAdmissionFreesItsSlot() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 1))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 2, now: .zero) == [])
        #expect(state.requestAdmission(id: 3, now: .zero) == [])
        #expect(state.cancel(id: 2, now: Self.ms(1)) == [])
        #expect(state.snapshot(now: Self.ms(1)).waiting == 1)
        #expect(state.cancel(id: 1, now: Self.ms(2)) == [.admit(3)])
        #expect(state.cancel(id: 99, now: Self.ms(3)) == [])
    }

    @Test func aFullQueueRejectsNewcomers() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 1, maxWaiting: 1))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 2, now: .zero) == [])
        #expect(state.requestAdmission(id: 3, now: .zero) == [.reject(3, .queueFull(limit: 1))])
        #expect(state.snapshot(now: .zero).waiting == 1)

        var noQueue = AdmissionState(configuration: Self.configuration(maxConcurrent: 1, maxWaiting: 0))
        #expect(noQueue.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(noQueue.requestAdmission(id: 2, now: .zero) == [.reject(2, .queueFull(limit: 0))])
    }

    @Test func waitersPastTheirDeadlineAreRejected() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 1, maxWait: 500))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 2, now: Self.ms(100)) == [.scheduleTimer(at: Self.ms(600))])
        #expect(state.requestAdmission(id: 3, now: Self.ms(200)) == [])
        #expect(state.timerFired(now: Self.ms(600)) == [.reject(2, .waitedTooLong(limit: Self.ms(500))), .scheduleTimer(at: Self.ms(700))])
        // Admitted at its deadline rather than rejected.
        #expect(state.release(id: 1, now: Self.ms(700)) == [.admit(3)])
    }

    @Test func aDuplicateIdIsRejectedWithoutDisturbingTheOriginal() {
        var state = AdmissionState(configuration: Self.configuration(maxConcurrent: 1))
        #expect(state.requestAdmission(id: 1, now: .zero) == [.admit(1)])
        #expect(state.requestAdmission(id: 1, now: .zero) == [.reject(1, .duplicateID(1))])
        #expect(state.snapshot(now: .zero).inFlight == 1)
    }

    /// Drives the state the way `AdmissionGate` does (one timer, replaced by each request for one)
    /// and checks every rule on every action.
    struct Harness {
        var state: AdmissionState
        var now: Duration = .zero
        var timer: Duration?
        var waiting: [UInt64] = []
        var admitted: Set<UInt64> = []
        var nextID: UInt64 = 1
        var backoffEnd: Duration = .zero
        var lastAdmission: Duration?
        var failures: [String] = []

        init(configuration: AdmissionConfiguration) { state = AdmissionState(configuration: configuration) }
        var configuration: AdmissionConfiguration { state.configuration }

        mutating func apply(_ actions: [AdmissionAction]) {
            for action in actions {
                switch action {
                case .admit(let id):
                    if waiting.first != id { failures.append("\(id) admitted out of order; queue \(waiting)") }
                    waiting.removeAll { $0 == id }
                    admitted.insert(id)
                    if admitted.count > configuration.maxConcurrent { failures.append("\(admitted.count) in flight at \(now)") }
                    if now < backoffEnd { failures.append("admitted at \(now) inside a backoff window ending \(backoffEnd)") }
                    if let lastAdmission, now - lastAdmission < configuration.minSpacing {
                        failures.append("admissions \(now - lastAdmission) apart")
                    }
                    lastAdmission = now
                case .reject(let id, _):
                    if !waiting.contains(id) { failures.append("rejected \(id), which was not waiting") }
                    waiting.removeAll { $0 == id }
                case .scheduleTimer(let at):
                    if at <= now { failures.append("timer for \(at) asked at \(now)") }
                    timer = at
                }
            }
            let snapshot = state.snapshot(now: now)
            if snapshot.inFlight != admitted.count || snapshot.waiting != waiting.count {
                failures.append("snapshot \(snapshot) vs \(admitted.count) in flight, \(waiting.count) waiting")
            }
        }

        mutating func advance(by step: Duration) {
            let target = now + step
            while let due = timer, due <= target {
                now = due
                timer = nil
                apply(state.timerFired(now: now))
            }
            now = target
        }

        mutating func perform(_ op: Int) {
            let argument = op / 6
            switch op % 6 {
            case 0, 1:
                let id = nextID
                nextID += 1
                waiting.append(id)
                apply(state.requestAdmission(id: id, now: now))
            case 2:
                guard !admitted.isEmpty else { return }
                let id = admitted.sorted()[argument % admitted.count]
                admitted.remove(id)
                apply(state.release(id: id, now: now))
            case 3:
                let live = waiting + admitted.sorted()
                guard !live.isEmpty else { return }
                let id = live[argument % live.count]
                waiting.removeAll { $0 == id }
                admitted.remove(id)
                apply(state.cancel(id: id, now: now))
            case 4:
                let retryAfter: Duration? = argument % 3 == 0 ? nil : .milliseconds(argument % 200)
                backoffEnd = max(backoffEnd, now + (retryAfter ?? configuration.defaultBackoff))
                apply(state.rateLimited(retryAfter: retryAfter, now: now))
            default:
                advance(by: .milliseconds(argument % 120))
            }
        }

        /// Releases everything and lets time run: every waiter must end admitted or rejected.
        mutating func drain() {
            var rounds = 0
            while !waiting.isEmpty, rounds < 10_000 {
                rounds += 1
                if let id = admitted.sorted().first {
                    admitted.remove(id)
                    apply(state.release(id: id, now: now))
                } else if let due = timer {
                    advance(by: max(.zero, due - now))
                } else {
                    failures.append("stuck: \(waiting) waiting, nothing in flight, no timer")
                    return
                }
            }
            if !waiting.isEmpty { failures.append("still waiting after draining: \(waiting)") }
        }
    }

    @Test func randomHistoriesKeepEveryRule() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...1000).array(of: 5), Gen.int(in: 0...100_000).array(of: 0...80)
        ) { settings, ops in
            let configuration = Self.configuration(
                maxConcurrent: 1 + settings[0] % 3, minSpacing: settings[1] % 60, defaultBackoff: settings[2] % 300,
                maxWaiting: settings[3] % 6, maxWait: settings[4] % 3 == 0 ? nil : settings[4] % 400)
            var harness = Harness(configuration: configuration)
            for op in ops { harness.perform(op) }
            harness.drain()
            #expect(harness.failures.isEmpty, "\(configuration) ops \(ops): \(harness.failures)")
        }
    }
}
