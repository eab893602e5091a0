@testable import MimoSimulatorServer
import Testing

/// The `SIM_…` vocabulary read from user text, without a server.
@Suite struct DirectiveParsingTests {
    @Test func shellTakesTheRestOfTheLine() {
        #expect(BrainDirective.first(in: "<env>x</env>\nplease SIM_SHELL ls -la /tmp  \nthanks") == .shell("ls -la /tmp"))
    }

    @Test func theEarliestDirectiveWins() {
        #expect(BrainDirective.first(in: "SIM_IMAGE then SIM_SHELL echo") == .image)
        #expect(BrainDirective.first(in: "SIM_TEXT_TOOL pwd\nSIM_IMAGE") == .textTool(.wrapped, "pwd"))
    }

    @Test func textToolShapesAreSeparateWords() {
        #expect(BrainDirective.first(in: "SIM_TEXT_TOOL_NO_OPENER printf x > y") == .textTool(.noOpener, "printf x > y"))
        #expect(BrainDirective.first(in: "SIM_TEXT_TOOL_BARE_INVOKE ls") == .textTool(.bareInvoke, "ls"))
        #expect(BrainDirective.first(in: "SIM_TEXT_TOOL_NOPE ls") == nil)
        #expect(BrainDirective.first(in: "SIM_TEXT_PATCH_BARE a.txt hi there") == .textPatch(.bare, path: "a.txt", text: "hi there"))
        #expect(BrainDirective.first(in: "SIM_TEXT_PATCH a.txt") == .textPatch(.afterFunctionTag, path: "a.txt", text: ""))
    }

    @Test func parallelSplitsOnDoubleSemicolons() {
        #expect(BrainDirective.first(in: "SIM_PARALLEL git status ;; git log -1 ;;") == .parallel(["git status", "git log -1"]))
    }

    @Test func patchTakesAPathAndText() {
        #expect(BrainDirective.first(in: "SIM_PATCH notes/a.txt hello world") == .patch(path: "notes/a.txt", text: "hello world"))
    }

    @Test func toolSearchTakesAQuery() {
        #expect(BrainDirective.first(in: "SIM_TOOL_SEARCH spawn a helper agent") == .toolSearch("spawn a helper agent"))
        #expect(BrainDirective.first(in: "SIM_TOOL_SEARCH") == nil)
    }

    @Test func onlyWholeWordsCount() {
        #expect(BrainDirective.first(in: "XSIM_SHELL ls") == nil)
        #expect(BrainDirective.first(in: "SIM_SHELLS ls") == nil)
        #expect(BrainDirective.first(in: "SIM_SHELL") == nil, "a shell directive needs a command")
    }

    @Test func faultTokensAreCutFromTheArgument() {
        #expect(BrainDirective.first(in: "SIM_SHELL echo hi SIM_FAULT_500") == .shell("echo hi"))
    }

    @Test(arguments: [
        ("SIM_FAULT_429", SimulatedFault.status(429)),
        ("SIM_FAULT_429_RETRY_AFTER_2", .status(429, retryAfter: "2")),
        ("SIM_FAULT_503", .status(503)),
        ("SIM_FAULT_QUOTA", .quotaExhausted),
        ("SIM_FAULT_DISCONNECT_AFTER_HEADERS", .disconnect(after: .headers)),
        ("SIM_FAULT_DISCONNECT_AFTER_REASONING", .disconnect(after: .reasoning)),
        ("SIM_FAULT_DISCONNECT_AFTER_CONTENT", .disconnect(after: .content)),
        ("SIM_FAULT_DISCONNECT_AFTER_TOOL_ARGUMENTS", .disconnect(after: .toolArguments)),
        ("SIM_FAULT_DISCONNECT_AFTER_FINISH", .disconnect(after: .finish)),
        ("SIM_FAULT_OVERSIZED_LINE", .oversizedLine()),
        ("SIM_FAULT_STALL_2", .stall(.seconds(2), phase: .beforeHeaders)),
        ("SIM_FAULT_STALL_BEFORE_HEADERS_0.5", .stall(.milliseconds(500), phase: .beforeHeaders)),
        ("SIM_FAULT_STALL_AFTER_HEADERS_3", .stall(.seconds(3), phase: .afterHeaders)),
        ("SIM_FAULT_ERROR_FRAME", .errorFrame(status: 200)),
        ("SIM_FAULT_ERROR_FRAME_500", .errorFrame(status: 500)),
        ("SIM_FAULT_GARBAGE_LINE", .garbageLine),
    ])
    func faultToken(_ token: String, _ fault: SimulatedFault) {
        #expect(FaultDirectives.parse("do it. \(token).") == [.init(token: token, fault: fault, once: false)])
    }

    @Test func onceSuffixAndUnknownTokens() {
        let parsed = FaultDirectives.parse("SIM_FAULT_500_ONCE SIM_FAULT_BOGUS SIM_FAULT_200 SIM_FAULT_GARBAGE_LINE")
        #expect(parsed == [
            .init(token: "SIM_FAULT_500_ONCE", fault: .status(500), once: true),
            .init(token: "SIM_FAULT_GARBAGE_LINE", fault: .garbageLine, once: false),
        ])
    }
}
