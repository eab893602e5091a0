import MimoSimulator
import ResponsesTranslation

/// Sends a session's Codex requests through the translator the way the daemon does: one lineup for
/// the whole session, which learns which models refuse images (a restart keeps that, as the daemon's
/// served-models.json does), and MiMo stood in for by its request validator, so a refused image is
/// retried once on the vision model as `ModelFallbackOpening` does.
public struct SessionReplayer: Sendable {
    public struct Sent: Sendable {
        public var translated: TranslatedRequest
        /// The body MiMo answered (its `model` replaced after a refusal), or the last one refused.
        public var body: JSONValue
        /// Models that refused the request before the one that answered.
        public var refusedBy: [String]
        /// MiMo's refusal when no model answered.
        public var rejection: MimoRejection?
    }

    public private(set) var options: TranslationOptions
    public let mimo: MimoRequestValidator

    public init(options: TranslationOptions, mimo: MimoRequestValidator) {
        self.options = options
        self.mimo = mimo
    }

    /// `request` as `model` would be sent it, with what the lineup knows now: the prompt a bridge that
    /// never switched models would have left in that model's cache.
    public func prompt(of request: JSONValue, for model: String) throws(RequestDecodingError) -> CachePrompt {
        var forced = options
        forced.pinnedModel = model
        forced.visionModel = model
        return CachePrompt(upstreamBody: try RequestTranslator.translate(body: request, options: forced).body)
    }

    public mutating func send(_ request: JSONValue) throws(RequestDecodingError) -> Sent {
        let translated = try RequestTranslator.translate(body: request, options: options)
        var fallback = ModelFallback(request: translated, options: options)
        var body = translated.body
        var model = translated.upstreamModel
        var refusedBy: [String] = []
        while true {
            guard case .failure(let rejection) = mimo.validate(body) else {
                return Sent(translated: translated, body: body, refusedBy: refusedBy, rejection: nil)
            }
            var next: String?
            if let error = UpstreamError(json: rejection.body, status: rejection.status) {
                for action in fallback.receive(error, model: model) {
                    switch action {
                    case .learn(.refusesImages(let refusing)): options.lineup.learnRefusesImages(refusing)
                    case .learn(.notServed): break
                    case .retry(let replacement, _): next = replacement
                    }
                }
            }
            guard let next, case .object(var object) = body else {
                return Sent(translated: translated, body: body, refusedBy: refusedBy, rejection: rejection)
            }
            refusedBy.append(model)
            model = next
            object["model"] = .string(next)
            body = .object(object)
        }
    }
}
