import NIOCore
import Testing
@testable import MimoUpstream
import ResponsesTranslation

/// The body MimoClient sends: written straight into the outgoing buffer when the size guess holds,
/// built in an array when it does not; the bytes are the same either way.
@Suite struct RequestBodyTests {
    /// A Chat Completions body with escapes and non-ASCII text, about `size` bytes when serialized.
    static func body(size: Int) -> JSONValue {
        let line = "drwxr-xr-x  2 user user  4096 \"quoted\"\t— ünïcode 中文 😀\n"
        let text = String(repeating: line, count: max(1, size / line.utf8.count))
        return ["model": "mimo-v2.6-pro", "stream": true,
                "messages": [["role": "system", "content": "You are Codex."], ["role": "tool", "tool_call_id": "call_1", "content": .string(text)]]]
    }

    static func call(_ body: JSONValue, hint: Int) -> UpstreamCall {
        UpstreamCall(body: body, model: "mimo-v2.6-pro", apiKey: MimoAPIKey(value: "sk-test", source: .environment), bodySizeHint: hint)
    }

    @Test(arguments: [0, 100, 5_000, 300_000])
    func sameBytesWhateverTheSizeGuess(hint: Int) {
        let body = Self.body(size: 200_000)
        let expected = body.serializedBytes()
        #expect(expected.count > 200_000, "the body must outgrow a guess of 0 (4 KB) and of 5 KB")
        let sent = MimoClient.requestBody(Self.call(body, hint: hint))
        #expect(sent.readableBytes == expected.count)
        #expect(sent.getBytes(at: sent.readerIndex, length: sent.readableBytes) == expected)
    }

    @Test func aSmallBodyFitsTheMinimumGuess() {
        let body: JSONValue = ["model": "mimo-v2.6-pro", "messages": [["role": "user", "content": "hi"]]]
        let sent = MimoClient.requestBody(Self.call(body, hint: 0))
        #expect(sent.getBytes(at: sent.readerIndex, length: sent.readableBytes) == body.serializedBytes())
    }
}
