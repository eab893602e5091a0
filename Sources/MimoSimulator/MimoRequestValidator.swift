import ResponsesTranslation

/// MiMo's rules for a `POST /chat/completions` body, as code (mimo-api.md §3, §4). The simulator answers
/// 400 (or 404) exactly where MiMo would, so a bridge bug fails a test with the error a user would see.
/// Pure: no I/O, no clock.
///
/// Where MiMo's behaviour is not documented we chose, and say so:
/// - an optional top-level parameter sent as `null` counts as absent, as in OpenAI-compatible servers;
/// - unknown top-level fields are ignored; `tool_choice`, `parallel_tool_calls` and `max_tokens` are
///   tolerated whatever their value (MiMo drops non-`auto` choices silently);
/// - checks run in this order, first failure wins: body, model, scalar parameters, tools, each message's
///   shape, reasoning replay, tool-call pairing, and last the image capability (the only 404).
public struct MimoRequestValidator: Sendable {
    public var lineup: SimulatedModelLineup

    public init(lineup: SimulatedModelLineup = SimulatedModelLineup()) {
        self.lineup = lineup
    }

    public func validate(_ body: JSONValue) -> Result<ValidatedChatRequest, MimoRejection> {
        Result { () throws(MimoRejection) in try check(body) }
    }

    /// Validates raw body text, for the simulator's HTTP layer: text that is not JSON is a 400 as well.
    /// The detail wording is ours (FastAPI/Pydantic's "JSON decode error" plus our parser's reason).
    public func validate(bodyText: String) -> Result<ValidatedChatRequest, MimoRejection> {
        do {
            return validate(try JSONValue.parse(bodyText))
        } catch {
            return .failure(.paramIncorrect("JSON decode error: \(error)"))
        }
    }

    func check(_ body: JSONValue) throws(MimoRejection) -> ValidatedChatRequest {
        guard case .object(let request) = body else {
            throw PydanticDetail.wrongType("body", "dictionary")
        }
        let (model, traits) = try checkModel(request["model"])
        let parameters = try checkParameters(request, traits: traits)
        let toolNames = try checkTools(request["tools"])
        let conversation = try checkMessages(request["messages"], thinkingEnabled: parameters.thinkingEnabled)
        if conversation.hasImages && !traits.acceptsImages {
            throw MimoRejection.imageInputUnsupported(model: model)
        }
        return ValidatedChatRequest(
            model: model, traits: traits, stream: parameters.stream, includeUsage: parameters.includeUsage,
            thinkingEnabled: parameters.thinkingEnabled, maxCompletionTokens: parameters.maxCompletionTokens,
            wantsJSONObject: parameters.wantsJSONObject, messageCount: conversation.messageCount,
            lastRole: conversation.lastRole, toolNames: toolNames, lastUserText: conversation.lastUserText,
            hasImages: conversation.hasImages, trailingToolResults: conversation.trailingToolResults)
    }

    /// `model` must name a model this gateway serves. A retired id gets MiMo's documented "Not supported
    /// model" (world-2026-12.md §1); the unknown-model detail is ours (MiMo's exact answer is not
    /// documented, and any 400 is fatal to a bridge alike).
    func checkModel(_ value: JSONValue?) throws(MimoRejection) -> (String, SimulatedMimoModel) {
        guard let value else { throw PydanticDetail.missing("model") }
        guard let model = value.stringValue else { throw PydanticDetail.wrongType("model", "string") }
        guard !model.isEmpty else { throw PydanticDetail.emptyString("model") }
        if lineup.retired.contains(model) { throw MimoRejection.modelNotSupported(model) }
        guard let traits = lineup.served[model] else { throw MimoRejection.paramIncorrect("Model not found: \(model)") }
        return (model, traits)
    }
}

/// `nil` for an absent or `null` member: how optional top-level parameters are read.
func present(_ value: JSONValue?) -> JSONValue? {
    guard let value, !value.isNull else { return nil }
    return value
}
