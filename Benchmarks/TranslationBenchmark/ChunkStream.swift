import ResponsesTranslation

/// A MiMo-shaped stream: reasoning deltas, then content deltas, then tool-call argument fragments,
/// as the `data:` payloads of its SSE lines.
enum ChunkStream {
    static func payloads(count: Int) -> [[UInt8]] {
        let reasoning = count * 3 / 10
        let calls = count / 10
        let content = count - reasoning - calls - 2
        var out: [[UInt8]] = []
        out.reserveCapacity(count)
        func delta(_ d: String) -> [UInt8] {
            Array(#"{"id":"8b51f9e0515949cb8207fbd35ea6ea5c","object":"chat.completion.chunk","created":1776848906,"model":"mimo-v2.6-pro","choices":[{"index":0,"delta":\#(d),"finish_reason":null}]}"#.utf8)
        }
        for i in 0..<reasoning { out.append(delta(#"{"reasoning_content":"step \#(i) of the plan, "}"#)) }
        for i in 0..<content { out.append(delta(#"{"content":"word\#(i) ünï \"q\" "}"#)) }
        out.append(delta(#"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"exec_command","arguments":""}}]}"#))
        for i in 0..<calls { out.append(delta(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"cmd\":\"echo \#(i)\"}"}}]}"#)) }
        out.append(Array(#"{"id":"8b51f9e0","object":"chat.completion.chunk","created":1776848906,"model":"mimo-v2.6-pro","choices":[],"usage":{"prompt_tokens":57,"completion_tokens":72,"total_tokens":129}}"#.utf8))
        return out
    }
}
