@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing
import TestSupport

/// Each fault kind as a client on a real loopback connection sees it.
@Suite struct FaultInjectionTests {
    static let hello = ChatBodies.user("hello").serialized()
    static let shell = ChatBodies.user("SIM_SHELL echo hi").serialized()

    static func queueThenSend(_ faults: String, body: String = hello) async throws -> (RawHTTPResponse, RawHTTPResponse) {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let queued = try await SimulatorHarness.exchange(port: simulator.port, path: "/__sim/faults", headers: [:], body: faults)
            #expect(queued.status == 200)
            let faulted = try await SimulatorHarness.exchange(port: simulator.port, body: body)
            let next = try await SimulatorHarness.exchange(port: simulator.port, body: body)
            return (faulted, next)
        }
    }

    @Test func statusFaultsAreConsumedInOrder() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let faults = #"{"faults":[{"kind":"status","status":429,"retry_after":"2"},{"kind":"status","status":429},{"kind":"status","status":500}]}"#
            _ = try await SimulatorHarness.exchange(port: simulator.port, path: "/__sim/faults", headers: [:], body: faults)
            let first = try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello)
            #expect(first.status == 429)
            #expect(first.header("retry-after") == "2")
            #expect(first.body == #"{"error":{"code":"429","message":"Too many requests","type":"limitation"}}"#)
            let second = try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello)
            #expect(second.status == 429)
            #expect(second.header("retry-after") == nil)
            let third = try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello)
            #expect(third.status == 500)
            #expect(third.json?["error"]?["code"] == "500")
            let fourth = try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello)
            #expect(fourth.status == 200)
            #expect(try fourth.dataLines.last == "[DONE]")
        }
    }

    @Test func quotaIsATokenPlanFourTwentyNine() async throws {
        let (faulted, next) = try await Self.queueThenSend(#"{"faults":[{"kind":"quota"}]}"#)
        #expect(faulted.status == 429)
        #expect(faulted.header("retry-after") == nil)
        #expect(faulted.json?["error"]?["message"] == "Token Plan quota exhausted")
        #expect(next.status == 200)
    }

    @Test(arguments: DisconnectPoint.allCases)
    func disconnectTruncatesTheStream(after point: DisconnectPoint) async throws {
        let (faulted, next) = try await Self.queueThenSend(#"{"faults":[{"kind":"disconnect","after":"\#(point.rawValue)"}]}"#, body: Self.shell)
        #expect(faulted.status == 200)
        #expect(!faulted.isComplete, "the chunked body must end without its terminating chunk")
        #expect(try !faulted.dataLines.contains("[DONE]"))
        let reply = try AssembledStream(faulted.chunks)
        #expect((reply.finishReason != nil) == (point == .finish))
        switch point {
        case .headers:
            #expect(faulted.body.isEmpty)
        case .reasoning:
            #expect(reply.reasoning == "Thinking about: SIM_SHELL echo hi")
            #expect(reply.calls.isEmpty)
        case .content:
            #expect(!reply.reasoning.isEmpty)
            #expect(reply.calls.isEmpty)
        case .toolArguments:
            let call = try #require(reply.orderedCalls.first)
            #expect(call.name == "exec_command")
            #expect(!call.arguments.isEmpty)
            #expect((try? JSONValue.parse(call.arguments)) == nil, "the call is cut mid-arguments")
        case .finish:
            #expect((try? JSONValue.parse(reply.orderedCalls.first?.arguments ?? "")) == ["cmd": "echo hi"])
            #expect(try faulted.chunks.last?["choices"]?[0]?["finish_reason"] == "tool_calls", "no usage chunk after the finish")
        }
        #expect(next.isComplete)
        #expect(try next.dataLines.last == "[DONE]")
    }

    @Test func disconnectCutsANonStreamedBodyShort() async throws {
        let body = ChatBodies.user("hello", stream: false).serialized()
        let (faulted, next) = try await Self.queueThenSend(#"{"faults":[{"kind":"disconnect","after":"content"}]}"#, body: body)
        #expect(faulted.status == 200)
        #expect(!faulted.isComplete)
        #expect(faulted.json == nil)
        #expect(next.json?["object"] == "chat.completion")
    }

    @Test func errorFrameFollowsAStartedStream() async throws {
        let faults = #"{"faults":[{"kind":"error_frame","status":200,"body":{"error":{"code":"500","message":"boom","type":"server_error"}}}]}"#
        let (faulted, _) = try await Self.queueThenSend(faults)
        #expect(faulted.status == 200)
        #expect(faulted.isComplete)
        #expect(try faulted.dataLines.last == #"{"error":{"code":"500","message":"boom","type":"server_error"}}"#)
        #expect(try !faulted.dataLines.contains("[DONE]"))
        #expect(try !AssembledStream(faulted.chunks).reasoning.isEmpty)
    }

    @Test func errorFrameOnAnErrorStatusIsSSEFramed() async throws {
        let (faulted, _) = try await Self.queueThenSend(#"{"faults":[{"kind":"error_frame","status":429}]}"#)
        #expect(faulted.status == 429)
        #expect(faulted.header("content-type") == "text/event-stream")
        #expect(faulted.body == "data: {\"error\":{\"code\":\"429\",\"message\":\"Too many requests\",\"type\":\"limitation\"}}\n\n")
    }

    @Test func garbageLineSitsInAnOtherwiseNormalStream() async throws {
        let (faulted, _) = try await Self.queueThenSend(#"{"faults":[{"kind":"garbage_line"}]}"#)
        #expect(faulted.isComplete)
        #expect(throws: ServerSentEventBody.PayloadIsNotJSON.self, "the garbage frame is not JSON") { try faulted.chunks }
        #expect(try faulted.dataLines[1].contains("<<not json>>"))
        #expect(try faulted.dataLines.last == "[DONE]")
        #expect(try AssembledStream(faulted.chunks(besidesTheFrameAt: 1)).content == ScriptedBrain.greeting)
    }

    @Test func oversizedLineSitsInAnOtherwiseNormalStream() async throws {
        // A small size keeps the raw-socket harness fast; the default (17 MiB) is checked below.
        let (faulted, next) = try await Self.queueThenSend(#"{"faults":[{"kind":"oversized_line","bytes":100000}]}"#)
        #expect(faulted.isComplete)
        let long = try faulted.dataLines[1]
        #expect(long.utf8.count == 100000 - "data: ".utf8.count)
        #expect(long.hasPrefix(#"{"x":"xxx"#))
        #expect(try faulted.dataLines.last == "[DONE]")
        #expect(try AssembledStream(faulted.chunks(besidesTheFrameAt: 1)).content == ScriptedBrain.greeting)
        #expect(try next.dataLines.allSatisfy { $0.utf8.count < 1000 })
    }

    @Test func oversizedLineSpecifications() throws {
        #expect(try SimulatedFault(specification: ["kind": "oversized_line"]) == .oversizedLine(bytes: 17 << 20))
        #expect(try SimulatedFault(specification: ["kind": "oversized_line", "bytes": 42]) == .oversizedLine(bytes: 42))
        #expect(throws: FaultSpecificationError.self) { try SimulatedFault(specification: ["kind": "oversized_line", "bytes": 0]) }
        #expect(FaultDirectives.parse("SIM_FAULT_OVERSIZED_LINE").map(\.fault) == [.oversizedLine()])
    }

    @Test(arguments: StallPhase.allCases)
    func shortStallThenANormalReply(phase: StallPhase) async throws {
        let (faulted, _) = try await Self.queueThenSend(#"{"faults":[{"kind":"stall","seconds":0.2,"phase":"\#(phase.rawValue)"}]}"#)
        #expect(faulted.status == 200)
        #expect(faulted.isComplete)
        #expect(try AssembledStream(faulted.chunks).content == ScriptedBrain.greeting)
    }

    @Test(arguments: StallPhase.allCases)
    func stallEndsWhenTheClientLeaves(phase: StallPhase) async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let port = simulator.port
            let faults = #"{"faults":[{"kind":"stall","seconds":120,"phase":"\#(phase.rawValue)"}]}"#
            _ = try await SimulatorHarness.exchange(port: port, path: "/__sim/faults", headers: [:], body: faults)
            let connection = try await LoopbackConnection.open(port: port)
            try await connection.send(SimulatorHarness.requestBytes(
                method: "POST", path: "/v1/chat/completions", headers: ["Authorization": "Bearer sk-test"], body: Self.hello))
            #expect(try await SimulatorHarness.waitForHealth(port: port) { $0["active_stalls"]?.intValue == 1 })
            if phase == .afterHeaders {
                let head = try await connection.read(untilContaining: "\r\n\r\n")
                #expect(String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            }
            connection.close()
            #expect(try await SimulatorHarness.waitForHealth(port: port) { $0["active_stalls"]?.intValue == 0 })
        }
    }

    @Test func stopEndsAStall() async throws {
        let simulator = try await RunningMimoSimulator.start()
        await simulator.enqueue([.stall(.seconds(120), phase: .beforeHeaders)])
        let connection = try await LoopbackConnection.open(port: simulator.port)
        defer { connection.close() }
        try await connection.send(SimulatorHarness.requestBytes(
            method: "POST", path: "/v1/chat/completions", headers: ["Authorization": "Bearer sk-test"], body: Self.hello))
        #expect(try await SimulatorHarness.waitForHealth(port: simulator.port) { $0["active_stalls"]?.intValue == 1 })
        await simulator.stop()
        #expect(await simulator.state.activeStalls == 0)
    }

    @Test func userTextDirectivesApplyToThatRequest() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let body = ChatBodies.user("SIM_SHELL ls SIM_FAULT_DISCONNECT_AFTER_REASONING").serialized()
            for _ in 0..<2 {
                let faulted = try await SimulatorHarness.exchange(port: simulator.port, body: body)
                #expect(!faulted.isComplete)
            }
            let limited = ChatBodies.user("SIM_FAULT_429_RETRY_AFTER_1 hello").serialized()
            let answer = try await SimulatorHarness.exchange(port: simulator.port, body: limited)
            #expect(answer.status == 429)
            #expect(answer.header("retry-after") == "1")
            let plain = try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello)
            #expect(plain.status == 200)
        }
    }

    @Test func onceDirectivesFireOnlyOnce() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let body = ChatBodies.user("hello SIM_FAULT_500_ONCE").serialized()
            #expect(try await SimulatorHarness.exchange(port: simulator.port, body: body).status == 500)
            #expect(try await SimulatorHarness.exchange(port: simulator.port, body: body).status == 200)
            _ = try await SimulatorHarness.exchange(port: simulator.port, method: "DELETE", path: "/__sim/faults", headers: [:])
            #expect(try await SimulatorHarness.exchange(port: simulator.port, body: body).status == 500)
        }
    }

    @Test func directivesDoNotFireOnToolResultTurns() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            var body = ChatBodies.afterToolResult("Output:\nhi")
            if case .object(var object) = body, case .array(var messages) = object["messages"] {
                messages[0] = ["role": "user", "content": "SIM_SHELL echo hi SIM_FAULT_500"]
                object["messages"] = .array(messages)
                body = .object(object)
            }
            let answer = try await SimulatorHarness.exchange(port: simulator.port, body: body.serialized())
            #expect(answer.status == 200)
            #expect(try AssembledStream(answer.chunks).content == "Done. The tool said: hi")
        }
    }

    @Test func badFaultListsAreRefusedWhole() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            let answer = try await SimulatorHarness.exchange(
                port: simulator.port, path: "/__sim/faults", headers: [:], body: #"{"faults":[{"kind":"quota"},{"kind":"meteor"}]}"#)
            #expect(answer.status == 400)
            #expect(answer.json?["error"]?["message"] == "unknown fault kind \"meteor\"")
            let health = try await SimulatorHarness.exchange(port: simulator.port, method: "GET", path: "/__sim/health")
            #expect(health.json?["pending_faults"] == 0)
        }
    }

    @Test func clearingTheQueue() async throws {
        try await SimulatorHarness.withLiveSimulator { simulator in
            await simulator.enqueue([.status(503), .quotaExhausted])
            let cleared = try await SimulatorHarness.exchange(port: simulator.port, method: "DELETE", path: "/__sim/faults", headers: [:])
            #expect(cleared.status == 200)
            #expect(try await SimulatorHarness.exchange(port: simulator.port, body: Self.hello).status == 200)
        }
    }
}
