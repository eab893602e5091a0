import PropertyBased
import Testing
@testable import ResponsesTranslation

/// Every way a user names a model (settings, `ccmimoctl model`, a Codex slug, a pin from an older
/// version), with the upstream serving the old ids or not, and what MiMo's refusals lead to.
@Suite struct ModelResolutionTests {
    static let unknown = ModelLineup()
    static let current = ModelLineup(served: ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed", "mimo-v2.5-tts"])
    static let stillServingOld = ModelLineup(served: ["mimo-v2.5", "mimo-v2.5-pro", "mimo-v2.6-pro", "mimo-v2.6-flash"])
    static let nextLine = ModelLineup(served: ["mimo-v3-pro", "mimo-v3-flash", "mimo-v2.6-pro", "mimo-v2.6-flash"])

    @Test(arguments: [
        // typed, lineup, id sent, shown
        ("v2.6-pro", unknown, "mimo-v2.6-pro", "mimo-v2.6-pro" as String?),
        ("MiMo-V2.6-Flash", unknown, "mimo-v2.6-flash", nil),
        (" mimo-v2.6-pro ", current, "mimo-v2.6-pro", "mimo-v2.6-pro"),
        ("v2.5-pro", unknown, "mimo-v2.6-pro", "v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro"),
        ("v2.5-pro", current, "mimo-v2.6-pro", "v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro"),
        ("mimo-v2.5", current, "mimo-v2.6-flash", "mimo-v2.5 (retired 2026-10-21) → mimo-v2.6-flash"),
        ("v2.5-pro-ultraspeed", unknown, "mimo-v2.6-pro-ultraspeed", nil),
        ("mimo-v2-pro", unknown, "mimo-v2.6-pro", "mimo-v2-pro (retired 2026-06-30) → mimo-v2.6-pro"),
        ("v2.5-pro", stillServingOld, "mimo-v2.5-pro", "mimo-v2.5-pro"),
        ("mimo-v2.5", stillServingOld, "mimo-v2.5", "mimo-v2.5"),
        ("pro", unknown, "mimo-v2.6-pro", "pro → mimo-v2.6-pro"),
        ("flash", unknown, "mimo-v2.6-flash", nil),
        ("ultraspeed", current, "mimo-v2.6-pro-ultraspeed", nil),
        ("pro", nextLine, "mimo-v3-pro", "pro → mimo-v3-pro"),
        ("mimo-flash", nextLine, "mimo-v3-flash", nil),
        ("pro", stillServingOld, "mimo-v2.6-pro", nil),
        ("mimo-v9-omni", current, "mimo-v9-omni", "mimo-v9-omni"),
    ] as [(String, ModelLineup, String, String?)])
    func typedNamesResolve(typed: String, lineup: ModelLineup, id: String, shown: String?) throws {
        let resolution = try #require(lineup.resolve(typed: typed))
        #expect(resolution.id == id)
        if let shown { #expect(resolution.description == shown) }
    }

    @Test(arguments: ["", "   ", "gpt 5", "mimo-", "mimo-v2.6-pro!", String(repeating: "a", count: 80)])
    func namesThatCannotBeModelsAreRefused(typed: String) {
        #expect(Self.unknown.resolve(typed: typed) == nil)
    }

    @Test func speechModelsAreNotChatModels() {
        #expect(Self.current.chatModels == ["mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed"])
        #expect(Self.unknown.chatModels == MimoModelFacts.known.map(\.id))
    }

    /// Images: a model is tried unless known or learned to refuse them; a fresh list forgets what was
    /// learned, since the upstream may have changed the model.
    @Test func imageCapabilityIsLearnedAndForgottenOnRefresh() {
        var lineup = Self.current
        #expect(lineup.acceptsImages("mimo-v2.6-pro") && lineup.acceptsImages("mimo-v3-pro"))
        lineup.learnRefusesImages("mimo-v2.6-pro")
        #expect(!lineup.acceptsImages("mimo-v2.6-pro"))
        lineup.replaceServed(["mimo-v2.6-pro"])
        #expect(lineup.acceptsImages("mimo-v2.6-pro"))
    }

    /// The catalog's order: newest line first, then pro, flash, ultraspeed, then by name.
    @Test func catalogOrderIsNewestFirstWhateverTheUpstreamsOrder() {
        let ids = ["mimo-v2.6-flash", "mimo-v3-flash", "mimo-next", "mimo-v2.6-pro-ultraspeed", "mimo-v3-pro", "mimo-v2.6-pro", "mimo-v2.6-omni"]
        let expected = ["mimo-v3-pro", "mimo-v3-flash", "mimo-v2.6-pro", "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed", "mimo-v2.6-omni", "mimo-next"]
        #expect(MimoModelName.catalogOrder(ids) == expected)
        #expect(MimoModelName.catalogOrder(ids.reversed()) == expected)
    }

    /// Properties over arbitrary lineups and names: resolving is idempotent, never lands on a retired id
    /// the upstream does not serve while a successor exists, and passes every served id through.
    @Test func resolutionProperties() async {
        let pool = ["mimo-v2-pro", "mimo-v2-omni", "mimo-v2.5", "mimo-v2.5-pro", "mimo-v2.5-pro-ultraspeed", "mimo-v2.6-pro",
                    "mimo-v2.6-flash", "mimo-v2.6-pro-ultraspeed", "mimo-v3-pro", "mimo-v3-flash", "mimo-v2.5-tts"]
        let lineups = Generator<ModelLineup?, Shrink.None<ModelLineup?>>(run: { rng in
            guard Bool.random(using: &rng) else { return nil }
            return ModelLineup(served: pool.filter { _ in Bool.random(using: &rng) })
        })
        await propertyCheck(count: 300, input: lineups) { lineup in
            let lineup = lineup ?? ModelLineup()
            for name in pool + ["pro", "flash", "ultraspeed"] {
                guard let first = lineup.resolve(typed: name) else {
                    Issue.record("\(name) did not resolve")
                    continue
                }
                #expect(lineup.resolve(id: first.id).id == first.id, "resolving \(first.id) again moves it")
                if lineup.serves(first.id) == false, RetiredModel.entry(for: first.id) != nil {
                    Issue.record("\(name) resolved to the retired, unserved \(first.id)")
                }
                if lineup.serves(name) == true { #expect(first.id == name) }
            }
        }
    }
}

@Suite struct ModelFallbackTests {
    static let notServed = UpstreamError(status: 400, code: "400", message: "Not supported model", param: "mimo-v2.6-pro")
    static let imageRefused = UpstreamError(status: 404, code: "404", message: "No endpoints found that support image input",
                                            param: nil)

    func fallback(_ origin: ModelChoice.Origin, images: Bool = false) -> ModelFallback {
        ModelFallback(origin: origin, configuredModel: "mimo-v2.6-flash", visionModel: "mimo-v2.6-flash", sendsImages: images)
    }

    @Test func aRetiredIdGoesToItsSuccessorOnce() {
        var fallback = fallback(.client)
        let actions = fallback.receive(Self.notServed, model: "mimo-v2.5-pro")
        #expect(actions.first == .learn(.notServed("mimo-v2.5-pro")))
        #expect(actions.contains { if case .retry(model: "mimo-v2.6-pro", _) = $0 { true } else { false } })
        #expect(fallback.receive(Self.notServed, model: "mimo-v2.6-pro") == [.learn(.notServed("mimo-v2.6-pro"))], "only once")
    }

    /// A model the daemon chose falls back to the configured one (then the default); one the client
    /// named without a successor ends the turn, so the user fixes the name.
    @Test(arguments: [
        (ModelChoice.Origin.pinned, "mimo-v9", "mimo-v2.6-flash" as String?),
        (.configured, "mimo-v9", "mimo-v2.6-pro"),
        (.configured, "mimo-v2.6-pro", nil),
        (.imageRouting, "mimo-v9-vision", "mimo-v2.6-flash"),
        (.client, "mimo-v9", nil),
    ])
    func unservedIdsWithoutSuccessor(origin: ModelChoice.Origin, model: String, retry: String?) {
        var fallback = fallback(origin)
        let retried = fallback.receive(Self.notServed, model: model).compactMap { action -> String? in
            if case .retry(let model, _) = action { model } else { nil }
        }
        #expect(retried == (retry.map { [$0] } ?? []))
    }

    @Test func aRefusedImageGoesToTheVisionModelAndIsLearned() {
        var fallback = fallback(.client, images: true)
        let actions = fallback.receive(Self.imageRefused, model: "mimo-v2.6-pro")
        #expect(actions.first == .learn(.refusesImages("mimo-v2.6-pro")))
        #expect(actions.count == 2)
        var vision = self.fallback(.imageRouting, images: true)
        #expect(vision.receive(Self.imageRefused, model: "mimo-v2.6-flash") == [.learn(.refusesImages("mimo-v2.6-flash"))],
                "the vision model refusing leaves nowhere to go")
        var textOnly = self.fallback(.client, images: false)
        #expect(textOnly.receive(Self.imageRefused, model: "mimo-v2.6-pro").isEmpty, "no image sent: not about images")
    }

    @Test func otherErrorsAreNotTheModels() {
        var fallback = fallback(.configured, images: true)
        for error in [UpstreamError(status: 400, code: "400", message: "Param Incorrect", param: "text is not set"),
                      UpstreamError(status: 429, code: "429", message: "Too many requests", param: nil),
                      UpstreamError(status: 500, code: "500", message: "Internal Server Error", param: nil)] {
            #expect(fallback.receive(error, model: "mimo-v2.6-pro").isEmpty)
        }
    }
}

@Suite struct UpstreamErrorClassificationTests {
    /// What Codex 0.169 does with the code matters: model_not_found and content_policy_violation are
    /// fatal after one attempt there, so only permanent failures get them.
    @Test(arguments: [
        (400, #"{"error":{"code":"400","message":"Not supported model","param":"mimo-v2.5-pro","type":""}}"#, UpstreamError.Kind.modelNotServed, CodexFailureCode.modelNotFound),
        (400, #"{"error":{"code":"400","message":"Param Incorrect","param":"Model not found: mimo-v9"}}"#, .modelNotServed, .modelNotFound),
        (404, #"{"error":{"code":"model_not_found","message":"The model `x` does not exist"}}"#, .modelNotServed, .modelNotFound),
        (404, #"{"error":{"code":"404","message":"No endpoints found that support image input"}}"#, .modelCapability, .invalidPrompt),
        (400, #"{"error":{"code":"400","message":"Param Incorrect","param":"this model does not support image input"}}"#, .modelCapability, .invalidPrompt),
        (421, #"{"error":{"code":"421","message":"Content Filter","type":""}}"#, .contentFilter, .contentPolicyViolation),
        (402, #"{"type":"server_error","message":"Upstream request failed: Insufficient account funds"}"#, .insufficientQuota, .insufficientQuota),
        (400, #"{"error":{"code":"400","message":"Param Incorrect","param":"text is not set"}}"#, .invalidRequest, .invalidPrompt),
        (503, #"{"error":{"code":"503","message":"Service Unavailable"}}"#, .server, .serverError),
    ] as [(Int, String, UpstreamError.Kind, CodexFailureCode)])
    func kindsAndCodes(status: Int, body: String, kind: UpstreamError.Kind, code: CodexFailureCode) throws {
        let error = try #require(UpstreamError(json: json(body), status: status))
        #expect(error.kind == kind)
        #expect(error.responseFailure().code == code)
    }

    @Test func onlyPermanentFailuresCarryCodesThatEndTheTurn() {
        #expect(!CodexFailureCode.serverError.endsTheTurn && !CodexFailureCode.rateLimitExceeded.endsTheTurn)
        let transient = UpstreamError(status: 502, code: nil, message: "Bad Gateway", param: nil)
        #expect(!transient.responseFailure().code.endsTheTurn)
        #expect(UpstreamError(status: 429, code: "429", message: "Too many requests", param: nil).responseFailure().code == .rateLimitExceeded)
    }
}
