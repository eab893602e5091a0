import FuzzSupport
import MimoSimulator
import ResponsesTranslation

/// The request path a client body takes: `JSONValue.parse` → `ResponsesRequest.decode` →
/// `RequestTranslator.translate`. The input is the raw body; its length picks the translation options,
/// so every option set is reached without spending input bytes on them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let body = try? JSONValue.parse(UnsafeRawBufferPointer(bytes)) else { return 0 }

    // The serializer writes back what the parser read (object equality ignores key order).
    let serialized = body.serializedBytes()
    require((try? JSONValue.parse(serialized)) == body, "serialize → parse changed the document")

    let request: ResponsesRequest
    do {
        request = try ResponsesRequest.decode(body)
    } catch {
        // Decoding is lenient: only a non-object body or an unusable `input` is refused.
        let input = body["input"]
        let refusable = body.objectValue == nil
            || !(input == nil || input == .null || input?.stringValue != nil || input?.arrayValue != nil)
        require(refusable, "decode refused a body it should accept: \(error)")
        return 0
    }

    let (options, lineup) = optionSets[size % optionSets.count]
    let translated = RequestTranslator.translate(request, options: options)
    // Pure: the same request and options give the same body.
    require(RequestTranslator.translate(request, options: options).body == translated.body, "translation is not deterministic")
    require((try? JSONValue.parse(translated.body.serializedBytes())) == translated.body,
            "the MiMo body does not survive serialize → parse")
    // MiMo accepts every translation that has something to say: the translator clamps parameters,
    // maps efforts, dedupes tool names, pairs calls with outputs and fills in reasoning, whatever the
    // client sent. A `mimo-*` id MiMo does not serve is passed through by design (a retired one goes to
    // its successor first), so the check lets the simulated gateway serve it, taking images as the
    // lineup assumes (a refusal would cost the daemon one retry, not the turn).
    if !translated.messages.isEmpty {
        var validator = MimoRequestValidator(lineup: lineup)
        if validator.lineup.served[translated.upstreamModel] == nil, !validator.lineup.retired.contains(translated.upstreamModel) {
            validator.lineup.serve(translated.upstreamModel, as: SimulatedMimoModel(acceptsImages: true, maxCompletionTokens: 32_768))
        }
        if case .failure(let rejection) = validator.validate(translated.body) {
            // Only a refusal of the model itself may happen, which the daemon answers with one retry
            // on another model (ModelFallback); the request's content must always be acceptable.
            let kind = UpstreamError(json: rejection.body, status: rejection.status)?.kind
            require(kind == .modelCapability || kind == .modelNotServed,
                    "MiMo would reject the translation: \(rejection.message): \(rejection.param)")
        }
    }
    return 0
}

/// Daemon option sets worth covering, each with the gateway it talks to: defaults; a pin with a model
/// learned to refuse images; forced upstream streaming with a token cap; a gateway still serving the
/// retired ids (passed through as they are); another active/vision pair with streaming turned off.
let optionSets: [(TranslationOptions, SimulatedModelLineup)] = [
    (TranslationOptions(), SimulatedModelLineup()),
    (TranslationOptions(pinnedModel: "mimo-v2.6-pro", lineup: ModelLineup(refusedImages: ["mimo-v2.6-pro"])),
     SimulatedModelLineup(textOnly: ["mimo-v2.6-pro"])),
    (TranslationOptions(activeModel: "mimo-v2.6-pro", defaultMaxCompletionTokens: 4096, streamUpstream: true), SimulatedModelLineup()),
    (TranslationOptions(lineup: ModelLineup(served: ["mimo-v2.5", "mimo-v2.5-pro", "mimo-v2.6-pro", "mimo-v2.6-flash"])),
     SimulatedModelLineup(servesRetired: true)),
    (TranslationOptions(activeModel: "mimo-v2.6-flash", visionModel: "mimo-v2.6-pro", streamUpstream: false), SimulatedModelLineup()),
]

@main enum FuzzRequestMain {
    static func main() { runLibFuzzer(fuzzRequest) }
}
