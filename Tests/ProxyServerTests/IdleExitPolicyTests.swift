import ProxyServer
import Testing

@Suite struct IdleExitPolicyTests {
    let policy = IdleExitPolicy(after: .seconds(900))
    let start = ContinuousClock.now

    func observe(idleFor idle: Duration, inFlight: Int = 0, connections: Int = 0, control: Int = 0,
                 backoff: Duration = .zero) -> IdleExitPolicy.Verdict {
        policy.verdict(.init(now: start + idle, lastActivity: start, inFlight: inFlight, openConnections: connections,
                             controlClients: control, backoffRemaining: backoff))
    }

    @Test func exitsOnlyAfterTheWholeIdlePeriod() {
        #expect(observe(idleFor: .seconds(899)) == .wait(.seconds(1), busy: nil))
        #expect(observe(idleFor: .seconds(900)) == .exit)
        #expect(observe(idleFor: .seconds(5000)) == .exit)
    }

    /// However long it has been quiet, anything open keeps the daemon: a stream, Codex's keep-alive
    /// connection, a ccmimoctl client, or a 429 backoff window that only lives in memory.
    @Test(arguments: [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 20)])
    func anythingOpenKeepsItAwake(inFlight: Int, connections: Int, control: Int, backoffSeconds: Int) {
        let verdict = observe(idleFor: .seconds(5000), inFlight: inFlight, connections: connections, control: control,
                              backoff: .seconds(backoffSeconds))
        guard case .wait(let recheck, let busy?) = verdict else {
            Issue.record("exited while busy: \(verdict)")
            return
        }
        #expect(recheck <= IdleExitPolicy.busyRecheck)
        #expect(!busy.isEmpty)
    }

    @Test func aBackoffWindowIsWaitedOutThenTheDaemonMayExit() {
        #expect(observe(idleFor: .seconds(5000), backoff: .seconds(7)) == .wait(.seconds(7), busy: "a 429 backoff window"))
        #expect(observe(idleFor: .seconds(5007)) == .exit)
    }
}
