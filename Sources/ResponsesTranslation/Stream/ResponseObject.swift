/// The Responses `response` object carried by lifecycle events and returned for `stream: false`.
public struct ResponseObject: Sendable, Equatable {
    /// `status`: Codex does not read it (it acts on the event's type), but a response `in_progress` is
    /// not archived, and readers of `GET /v1/responses/{id}` and the SDKs' non-streaming calls see it.
    public enum Status: String, Sendable, CaseIterable { case inProgress = "in_progress", completed, incomplete, failed }

    public var id: String
    public var createdAt: Int
    public var model: String
    public var status: Status
    public var output: [OutputItem]
    public var usage: Usage?
    public var error: ResponseFailure?
    /// Why an incomplete response stopped.
    public var incompleteReason: IncompleteReason?
    /// Request fields echoed back (tools, tool_choice, reasoning, …).
    public var echo: JSONObject

    public init(id: String, createdAt: Int, model: String, status: Status = .inProgress, output: [OutputItem] = [],
                usage: Usage? = nil, error: ResponseFailure? = nil, incompleteReason: IncompleteReason? = nil, echo: JSONObject = [:]) {
        self.id = id
        self.createdAt = createdAt
        self.model = model
        self.status = status
        self.output = output
        self.usage = usage
        self.error = error
        self.incompleteReason = incompleteReason
        self.echo = echo
    }

    /// The text of all message items, as the SDKs' `output_text` convenience computes it.
    public var outputText: String {
        output.compactMap { if case .message(_, let text, _) = $0 { text } else { nil } }.joined()
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnique("id", .string(id))
        object.appendUnique("object", "response")
        object.appendUnique("created_at", .int(createdAt))
        object.appendUnique("status", .string(status.rawValue))
        object.appendUnique("model", .string(model))
        object.appendUnique("output", .array(output.map(\.json)))
        object.appendUnique("usage", usage?.json ?? .null)
        object.appendUnique("error", error?.json ?? .null)
        object.appendUnique("incomplete_details", incompleteReason.map { ["reason": .string($0.rawValue)] } ?? .null)
        object.appendUnique("instructions", echo["instructions"] ?? .null)
        object.appendUnique("tools", echo["tools"] ?? .array([]))
        object.appendUnique("tool_choice", echo["tool_choice"] ?? "auto")
        object.appendUnique("parallel_tool_calls", echo["parallel_tool_calls"] ?? true)
        object.appendUnique("temperature", echo["temperature"] ?? .null)
        object.appendUnique("top_p", echo["top_p"] ?? .null)
        object.appendUnique("max_output_tokens", echo["max_output_tokens"] ?? .null)
        object.appendUnique("previous_response_id", echo["previous_response_id"] ?? .null)
        object.appendUnique("reasoning", echo["reasoning"] ?? .null)
        object.appendUnique("text", echo["text"] ?? ["format": ["type": "text"]])
        object.appendUnique("metadata", echo["metadata"] ?? .object([:]))
        object.appendUnique("store", echo["store"] ?? false)
        object.appendUnique("truncation", echo["truncation"] ?? "disabled")
        return .object(object)
    }
}
