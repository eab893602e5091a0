@testable import MimoSimulatorServer
import ResponsesTranslation
import Testing

/// The brain's pure helpers and the token cut, without a server.
@Suite struct ReplyShapingTests {
    @Test func quotesTheFirstOutputLineOfAnExecCommandResult() {
        let result = "Chunk ID: 5d2c9a\nWall time: 0.0214 seconds\nProcess exited with code 0\nOutput:\n M src/main.swift\n?? notes.txt\n"
        #expect(ScriptedBrain.quotedLine(ofToolResult: result) == " M src/main.swift")
    }

    @Test func quotesTheFirstLineOfOtherResults() {
        #expect(ScriptedBrain.quotedLine(ofToolResult: "\npatch applied\nmore") == "patch applied")
        #expect(ScriptedBrain.quotedLine(ofToolResult: "{\"output\":\"hello\\n\",\"metadata\":{}}") == "hello")
        #expect(ScriptedBrain.quotedLine(ofToolResult: "") == "(no output)")
    }

    @Test func shellCallFallsBackToTheClassicShellTool() throws {
        let call = ScriptedBrain.shellCall("ls", toolNames: ["shell"])
        #expect(call.name == "shell")
        #expect(try JSONValue.parse(call.arguments) == ["command": ["bash", "-lc", "ls"]])
    }

    @Test func cutToMaxTokensEndsWithLength() {
        let reply = SimulatedReply(reasoning: String(repeating: "r", count: 8), content: String(repeating: "c", count: 40))
        let cut = TokenEstimate.limit(reply, toMaxCompletionTokens: 5)
        #expect(cut.reasoning.count == 8)
        #expect(cut.content.count == 12)
        #expect(cut.finishReason == "length")
        #expect(TokenEstimate.limit(reply, toMaxCompletionTokens: 100) == reply)
    }

    @Test func cutArgumentsAreLeftInvalid() {
        let reply = SimulatedReply(reasoning: "", toolCalls: [.init(name: "exec_command", arguments: "{\"cmd\":\"echo a long command\"}")])
        let cut = TokenEstimate.limit(reply, toMaxCompletionTokens: 3)
        #expect(cut.finishReason == "length")
        #expect(cut.toolCalls.count == 1)
        #expect((try? JSONValue.parse(cut.toolCalls[0].arguments)) == nil)
    }

    @Test func piecesAlwaysSplitLongerText() {
        #expect(ChatCompletionEncoder.pieces("ab", size: 12) == ["a", "b"])
        #expect(ChatCompletionEncoder.pieces("", size: 12).isEmpty)
        #expect(ChatCompletionEncoder.pieces(String(repeating: "x", count: 30), size: 12).count == 3)
    }

    @Test func idsLookLikeMimos() {
        let ids = CompletionIdentifiers(serial: 7)
        #expect(ids.completionID.count == 32)
        #expect(ids.completionID.allSatisfy { $0.isHexDigit })
        #expect(ids.completionID != CompletionIdentifiers(serial: 8).completionID)
        #expect(ids.toolCallID(0) != ids.toolCallID(1))
    }
}
