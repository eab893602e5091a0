/// A Responses API request body as Codex (and other clients) send it, decoded leniently. Only a
/// body that is not an object, or whose `input` is neither a string nor an array, is an error.
public struct ResponsesRequest: Sendable, Equatable {
    public var model: String?
    public var instructions: String?
    public var input: [InputItem]
    public var tools: [JSONValue]
    public var toolChoice: JSONValue?
    public var parallelToolCalls: Bool?
    public var reasoningEffort: String?
    public var reasoningSummary: String?
    public var maxOutputTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var stream: Bool
    public var textFormat: JSONValue?
    public var previousResponseID: String?
    public var store: Bool?
    /// Request fields echoed back in the Response object, as the client sent them.
    public var echo: JSONObject
    /// Items that were not objects, reported like other dropped things.
    public var undecodableItems: Int

    public init(model: String? = nil, instructions: String? = nil, input: [InputItem] = [], tools: [JSONValue] = [],
                toolChoice: JSONValue? = nil, parallelToolCalls: Bool? = nil, reasoningEffort: String? = nil,
                reasoningSummary: String? = nil, maxOutputTokens: Int? = nil, temperature: Double? = nil,
                topP: Double? = nil, stream: Bool = false, textFormat: JSONValue? = nil,
                previousResponseID: String? = nil, store: Bool? = nil) {
        self.model = model
        self.instructions = instructions
        self.input = input
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.reasoningEffort = reasoningEffort
        self.reasoningSummary = reasoningSummary
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.topP = topP
        self.stream = stream
        self.textFormat = textFormat
        self.previousResponseID = previousResponseID
        self.store = store
        self.echo = [:]
        self.undecodableItems = 0
    }
}

public struct RequestDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The request field at fault, for the `param` of an OpenAI-shaped error body.
    public var param: String?
    public var description: String { message }
}

extension ResponsesRequest {
    public static func decode(_ body: JSONValue) throws(RequestDecodingError) -> ResponsesRequest {
        guard let object = body.objectValue else {
            throw RequestDecodingError(message: "The request body must be a JSON object, not \(body.typeName).", param: nil)
        }
        var request = ResponsesRequest()
        request.model = object["model"]?.stringValue
        request.instructions = object["instructions"]?.stringValue
        switch object["input"] {
        case .string(let text)?:
            request.input = [.message(InputMessage(id: nil, rawRole: "user", content: text.isEmpty ? [] : [.text(text)]))]
        case .array(let items)?:
            request.input.reserveCapacity(items.count)
            for item in items {
                if let decoded = InputItem.decode(item) { request.input.append(decoded) } else { request.undecodableItems += 1 }
            }
        case nil, .null?:
            request.input = []
        case let other?:
            throw RequestDecodingError(message: "`input` must be a string or an array of items, not \(other.typeName).", param: "input")
        }
        request.tools = object["tools"]?.arrayValue ?? []
        request.toolChoice = object["tool_choice"]
        request.parallelToolCalls = object["parallel_tool_calls"]?.boolValue
        request.reasoningEffort = object["reasoning"]?["effort"]?.stringValue
        request.reasoningSummary = object["reasoning"]?["summary"]?.stringValue
        request.maxOutputTokens = object["max_output_tokens"]?.intValue
        request.temperature = object["temperature"]?.doubleValue
        request.topP = object["top_p"]?.doubleValue
        request.stream = object["stream"]?.boolValue ?? false
        request.textFormat = object["text"]?["format"]
        request.previousResponseID = object["previous_response_id"]?.stringValue
        request.store = object["store"]?.boolValue

        var echo = JSONObject()
        for key in ["instructions", "tools", "tool_choice", "parallel_tool_calls", "reasoning", "text", "temperature",
                    "top_p", "max_output_tokens", "metadata", "previous_response_id", "store", "truncation", "user",
                    "service_tier", "prompt_cache_key"] {
            if let value = object[key] { echo[key] = value }
        }
        request.echo = echo
        return request
    }
}
