/// Decides, before any byte of the answer has reached the client, whether MiMo refused a request
/// because of its model rather than its content, and where it goes instead:
/// - the model is not served (400 "Not supported model"): to its successor; when it has none and the
///   daemon chose it, to the configured model, then to the default for its role. A model the client
///   named with no successor ends the turn (`model_not_found`), so the user fixes the name;
/// - the model refused an image: to the vision model, and the lineup learns the model is text-only.
///
/// Each kind of retry happens once per request; everything else goes to the client as it is.
public struct ModelFallback: Sendable {
    public enum Action: Sendable, Equatable {
        /// Remember what MiMo's answer taught about a model.
        case learn(Lesson)
        /// Send the same body again, with `model` replaced.
        case retry(model: String, note: TranslationNote)
    }

    public enum Lesson: Sendable, Equatable {
        case notServed(String)
        case refusesImages(String)
    }

    private var origin: ModelChoice.Origin
    private let configuredModel: String
    private let visionModel: String
    private let sendsImages: Bool
    private var retriedUnserved = false
    private var retriedImages = false

    /// `configuredModel` and `visionModel` are resolved ids; `sendsImages`: the body carries image parts.
    public init(origin: ModelChoice.Origin, configuredModel: String, visionModel: String, sendsImages: Bool) {
        self.origin = origin
        self.configuredModel = configuredModel
        self.visionModel = visionModel
        self.sendsImages = sendsImages
    }

    public init(request: TranslatedRequest, options: TranslationOptions) {
        self.init(origin: request.modelOrigin, configuredModel: options.activeModel, visionModel: options.visionModel,
                  sendsImages: request.containsImages)
    }

    /// MiMo answered `error` to a request sent to `model`. No `.retry` among the actions: give up.
    public mutating func receive(_ error: UpstreamError, model: String) -> [Action] {
        switch error.kind {
        case .modelNotServed:
            var actions: [Action] = [.learn(.notServed(model))]
            guard !retriedUnserved, let next = replacement(forUnserved: model) else { return actions }
            retriedUnserved = true
            actions.append(.retry(model: next, note: TranslationNote(.modelRouted, "\(model) → \(next): MiMo does not serve \(model)")))
            origin = .configured
            return actions
        case .modelCapability where sendsImages:
            var actions: [Action] = [.learn(.refusesImages(model))]
            guard !retriedImages, model != visionModel else { return actions }
            retriedImages = true
            actions.append(.retry(model: visionModel, note: TranslationNote(.modelRouted, "\(model) → \(visionModel): MiMo refused the image for \(model)")))
            origin = .imageRouting
            return actions
        default:
            return []
        }
    }

    private func replacement(forUnserved model: String) -> String? {
        if let successor = RetiredModel.chain(from: model).last?.successor, successor != model { return successor }
        let candidates: [String]
        switch origin {
        case .client: candidates = []
        case .pinned: candidates = [configuredModel, ModelDefaults.text]
        case .configured: candidates = [ModelDefaults.text]
        case .imageRouting: candidates = [ModelDefaults.images]
        }
        return candidates.first { $0 != model }
    }
}
