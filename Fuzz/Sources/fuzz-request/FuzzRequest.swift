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

    let options = optionSets[size % optionSets.count]
    let translated = RequestTranslator.translate(request, options: options)
    // Pure: the same request and options give the same body.
    require(RequestTranslator.translate(request, options: options).body == translated.body, "translation is not deterministic")
    require((try? JSONValue.parse(translated.body.serializedBytes())) == translated.body,
            "the MiMo body does not survive serialize → parse")
    // MiMo accepts every translation that has something to say: the translator clamps parameters,
    // dedupes tool names, pairs calls with outputs and fills in reasoning, whatever the client sent.
    // An unknown `mimo-*` id is passed through by design, so the check treats it as a text-only model.
    if !translated.messages.isEmpty {
        var models = SimulatedMimoModel.known
        if models[translated.upstreamModel] == nil {
            models[translated.upstreamModel] = SimulatedMimoModel(acceptsImages: false, maxCompletionTokens: 32_768)
        }
        if case .failure(let rejection) = MimoRequestValidator(models: models).validate(translated.body) {
            require(false, "MiMo would reject the translation: \(rejection.message): \(rejection.param)")
        }
    }
    return 0
}

/// Daemon option sets worth covering: defaults, a pinned text-only model, forced upstream streaming
/// with a default token cap, and another active/vision pair with streaming turned off.
let optionSets: [TranslationOptions] = [
    TranslationOptions(),
    TranslationOptions(pinnedModel: "mimo-v2.5-pro"),
    TranslationOptions(activeModel: "mimo-v2.5-pro", defaultMaxCompletionTokens: 4096, streamUpstream: true),
    TranslationOptions(activeModel: "mimo-v2.6-flash", visionModel: "mimo-v2.6-pro", streamUpstream: false),
]

@main enum FuzzRequestMain {
    static func main() { runLibFuzzer(fuzzRequest) }
}
