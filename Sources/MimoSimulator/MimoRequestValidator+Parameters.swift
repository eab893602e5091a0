import ResponsesTranslation

/// The scalar request parameters: streaming, thinking, output cap, sampling and response format.
extension MimoRequestValidator {
    struct Parameters {
        var stream = false
        var includeUsage = false
        var thinkingEnabled = true
        var maxCompletionTokens: Int
        var wantsJSONObject = false
    }

    func checkParameters(_ request: JSONObject, traits: SimulatedMimoModel) throws(MimoRejection) -> Parameters {
        var parameters = Parameters(maxCompletionTokens: traits.maxCompletionTokens)

        if let stream = present(request["stream"]) {
            guard let flag = stream.boolValue else { throw PydanticDetail.wrongType("stream", "boolean") }
            parameters.stream = flag
        }
        if let options = present(request["stream_options"]) {
            // OpenAI's own wording; OpenAI-compatible servers reject stream_options on a non-streamed call.
            guard parameters.stream else {
                throw MimoRejection.paramIncorrect(
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.")
            }
            guard case .object(let object) = options else {
                throw PydanticDetail.wrongType("stream_options", "dictionary")
            }
            if let include = present(object["include_usage"]) {
                guard let flag = include.boolValue else {
                    throw PydanticDetail.wrongType("stream_options.include_usage", "boolean")
                }
                parameters.includeUsage = flag
            }
        }

        parameters.thinkingEnabled = try checkThinking(request["thinking"])

        // v2.6 takes none|low|medium|high and refuses minimal, xhigh and max (world-2026-12.md §1); v2.5
        // refused none. `none` turns thinking off whatever `thinking` says.
        if let effort = present(request["reasoning_effort"]) {
            let allowed = traits.reasoningEfforts.sorted { Self.effortOrder($0) < Self.effortOrder($1) }
            guard let name = effort.stringValue, traits.reasoningEfforts.contains(name) else {
                throw PydanticDetail.notLiteral("reasoning_effort", allowed: allowed)
            }
            if name == "none" { parameters.thinkingEnabled = false }
        }

        if let cap = present(request["max_completion_tokens"]) {
            guard let tokens = cap.intValue else { throw PydanticDetail.wrongType("max_completion_tokens", "integer") }
            guard tokens >= 1 else { throw PydanticDetail.tooSmall("max_completion_tokens", min: "1") }
            guard tokens <= traits.maxCompletionTokens else {
                throw PydanticDetail.tooLarge("max_completion_tokens", max: String(traits.maxCompletionTokens))
            }
            parameters.maxCompletionTokens = tokens
        } else if let legacy = present(request["max_tokens"])?.intValue, legacy >= 1 {
            // Tolerated, not validated: an OpenAI-compatible server still honours it as the cap.
            parameters.maxCompletionTokens = min(legacy, traits.maxCompletionTokens)
        }

        try checkRange(request["temperature"], "temperature", min: 0, minText: "0", max: 1.5, maxText: "1.5")
        try checkRange(request["top_p"], "top_p", min: 0.01, minText: "0.01", max: 1.0, maxText: "1")

        if let format = present(request["response_format"]) {
            guard case .object(let object) = format else {
                throw PydanticDetail.wrongType("response_format", "dictionary")
            }
            guard let type = object["type"] else { throw PydanticDetail.missing("response_format.type") }
            switch type.stringValue {
            case "text": break
            case "json_object": parameters.wantsJSONObject = true
            default: throw PydanticDetail.notLiteral("response_format.type", allowed: ["text", "json_object"])
            }
        }
        return parameters
    }

    static func effortOrder(_ effort: String) -> Int {
        ["none", "low", "medium", "high"].firstIndex(of: effort) ?? 4
    }

    /// `thinking` is `{"type":"enabled"|"disabled"}`; absent means enabled, MiMo's default (§4.1).
    func checkThinking(_ value: JSONValue?) throws(MimoRejection) -> Bool {
        guard let thinking = present(value) else { return true }
        guard case .object(let object) = thinking else { throw PydanticDetail.wrongType("thinking", "dictionary") }
        guard let type = object["type"] else { throw PydanticDetail.missing("thinking.type") }
        switch type.stringValue {
        case "enabled": return true
        case "disabled": return false
        default: throw PydanticDetail.notLiteral("thinking.type", allowed: ["enabled", "disabled"])
        }
    }

    func checkRange(
        _ value: JSONValue?, _ loc: String, min: Double, minText: String, max: Double, maxText: String
    ) throws(MimoRejection) {
        guard let value = present(value) else { return }
        guard let number = value.doubleValue else { throw PydanticDetail.wrongType(loc, "number") }
        guard number >= min else { throw PydanticDetail.tooSmall(loc, min: minText) }
        guard number <= max else { throw PydanticDetail.tooLarge(loc, max: maxText) }
    }
}
