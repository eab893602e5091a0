import Hummingbird
import HummingbirdTesting
@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// Starting, serving and configuring the simulator as a whole.
@Suite struct LiveServerTests {
    @Test func healthAnswers() async throws {
        try await SimulatorHarness.withRouter(MimoSimulatorOptions(mode: .tokenPlan)) { client, _ in
            let health = try await client.execute(uri: "/__sim/health", method: .get)
            #expect(health.status.code == 200)
            #expect(health.json?["mode"] == "token-plan")
        }
    }

    @Test func startRefusesNonLoopbackHosts() async throws {
        await #expect(throws: MimoSimulatorStartError.self) {
            _ = try await RunningMimoSimulator.start(MimoSimulatorOptions(host: "0.0.0.0"))
        }
    }

    @Test func baseURLPointsAtVersionOne() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            #expect(simulator.port > 0)
            #expect(simulator.baseURL == "http://127.0.0.1:\(simulator.port)/v1")
        }
    }

    @Test func chunkDelayStillDeliversTheWholeStream() async throws {
        var options = MimoSimulatorOptions()
        options.chunkDelay = .milliseconds(1)
        try await SimulatorHarness.withLiveSimulator(options) { simulator in
            let answer = try await SimulatorHarness.exchange(port: simulator.port, body: ChatBodies.user("SIM_SHELL ls").serialized())
            #expect(answer.isComplete)
            #expect(try answer.dataLines.last == "[DONE]")
            #expect(try AssembledStream(answer.chunks).orderedCalls.first?.name == "exec_command")
        }
    }

    @Test func aTakenPortFailsTheStartInsteadOfHanging() async throws {
        try await SimulatorHarness.withLiveSimulator { first in
            await #expect(throws: MimoSimulatorStartError.self) {
                _ = try await RunningMimoSimulator.start(MimoSimulatorOptions(port: first.port))
            }
        }
    }

    @Test func stopWaitsForTheServerAndMayBeRepeated() async throws {
        let simulator = try await RunningMimoSimulator.start()
        let health = try await SimulatorHarness.exchange(port: simulator.port, method: "GET", path: "/__sim/health")
        #expect(health.status == 200)
        await simulator.stop()
        await simulator.stop()
        await simulator.waitUntilStopped()
    }
}
