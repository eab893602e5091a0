import ResponsesTranslation

/// A streamed reply put back together the way a client does: deltas concatenated, tool-call fragments
/// joined by index.
struct AssembledStream {
    struct Call: Equatable {
        var id: String?
        var name: String?
        var arguments = ""
    }

    var reasoning = ""
    var content = ""
    var calls: [Int: Call] = [:]
    var finishReason: String?
    var usage: JSONValue?
    var completionIDs: Set<String> = []
    var reasoningChunkCount = 0
    var contentChunkCount = 0
    var argumentChunkCount = 0
    /// The order in which kinds of delta first appeared: "reasoning", "content", "tool_calls".
    var kindsInOrder: [String] = []

    init(_ chunks: [JSONValue]) {
        for chunk in chunks {
            if let id = chunk["id"]?.stringValue { completionIDs.insert(id) }
            if let usage = chunk["usage"], !usage.isNull { self.usage = usage }
            guard let choice = chunk["choices"]?.arrayValue?.first else { continue }
            if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
            let delta = choice["delta"]
            if let piece = delta?["reasoning_content"]?.stringValue {
                reasoning += piece
                reasoningChunkCount += 1
                note("reasoning")
            }
            if let piece = delta?["content"]?.stringValue {
                content += piece
                contentChunkCount += 1
                note("content")
            }
            for fragment in delta?["tool_calls"]?.arrayValue ?? [] {
                let index = fragment["index"]?.intValue ?? 0
                var call = calls[index] ?? Call()
                if let id = fragment["id"]?.stringValue { call.id = id }
                if let name = fragment["function"]?["name"]?.stringValue { call.name = name }
                if let arguments = fragment["function"]?["arguments"]?.stringValue, !arguments.isEmpty {
                    call.arguments += arguments
                    argumentChunkCount += 1
                }
                calls[index] = call
                note("tool_calls")
            }
        }
    }

    var orderedCalls: [Call] { calls.keys.sorted().compactMap { calls[$0] } }

    private mutating func note(_ kind: String) {
        if kindsInOrder.last != kind, !kindsInOrder.contains(kind) { kindsInOrder.append(kind) }
    }
}
