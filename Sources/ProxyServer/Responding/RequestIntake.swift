import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MimoUpstream
import NIOCore
import NIOPosix
import ResponsesTranslation

/// A request that has been read, decoded and translated, ready to send upstream.
struct PreparedRequest: Sendable {
    var translated: TranslatedRequest
    var call: UpstreamCall
    /// Where the request goes if MiMo refuses its model (a retired id, a refused image).
    var fallback: ModelFallback
    var key: MimoAPIKey
    var identifiers: ResponseIdentifiers
    var createdAt: Int
    var inputItems: [JSONValue]
    var store: Bool
    var started: ContinuousClock.Instant
    /// Large (a long history, or a stored conversation replayed): its CPU work runs on the global
    /// pool, not on the connection's event loop.
    var heavy: Bool
}

/// Request intake: the body read within its limit, parsed (400 with line and column), a stored
/// conversation replayed (`previous_response_id`), a compaction request rewritten, translated with the
/// live model choice, and the key found (401 that says where keys go). Heavy requests do their CPU
/// work on the global pool, not on the connection's event loop.
struct RequestIntake: Sendable {
    let dependencies: ProxyDependencies

    private var settings: ProxySettings { dependencies.settings }

    func prepare(_ request: Request, compact: Bool) async throws -> PreparedRequest {
        let started = ContinuousClock.now
        // Responses-Lite slugs replace tools with a JavaScript code-mode sandbox a Chat Completions
        // model cannot drive; answering would give a session that looks alive but can do nothing.
        if request.headers[HTTPField.Name("x-openai-internal-codex-responses-lite")!]?.lowercased() == "true" {
            throw OpenAIErrorResponse(.responsesLiteUnsupported, message: "This Codex model slug uses Responses-Lite (code mode), which MiMo cannot serve. Set `model = \"\(ModelDefaults.text)\"` (or another mimo-* model; `ccmimoctl models` lists them) in ~/.codex/config.toml.")
        }
        let tooLarge = OpenAIErrorResponse(.requestTooLarge, message: "The request body is larger than the limit of \(settings.maxBodyBytes) bytes (MIMO_PROXY_MAX_BODY_BYTES).")
        var buffer = ByteBuffer()
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }) {
            guard declared <= settings.maxBodyBytes else { throw tooLarge }
            // One allocation for a large history instead of a dozen doublings, each a copy.
            buffer.reserveCapacity(declared)
        }
        do {
            try await request.body.collect(upTo: settings.maxBodyBytes, into: &buffer)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        }
        // A large history, or a small body that replays a stored conversation, is parsed and translated
        // on the global pool, not on the connection's loop, whose other connections would wait for it.
        // (The key's name in the raw bytes is enough: a false match only costs a thread hop.)
        let heavy = buffer.readableBytes > ConnectionAffinity.largeBodyBytes || Self.mentionsPreviousResponse(buffer)
        if heavy, ConnectionAffinity.executor != nil {
            return try await withTaskExecutorPreference(globalConcurrentExecutor) {
                try await interpret(buffer, of: request, compact: compact, started: started, heavy: heavy)
            }
        }
        return try await interpret(buffer, of: request, compact: compact, started: started, heavy: heavy)
    }

    private static let previousResponseKey = Array(#""previous_response_id""#.utf8)

    /// Whether the raw body contains the key `"previous_response_id"`. Every request pays this scan, so
    /// it jumps from quote to quote with `memchr` rather than comparing at every byte.
    private static func mentionsPreviousResponse(_ buffer: ByteBuffer) -> Bool {
        buffer.withUnsafeReadableBytes { body in
            guard var next = body.baseAddress else { return false }
            let end = next + body.count
            let key = previousResponseKey
            while end - next >= key.count, let found = memchr(next, Int32(key[0]), end - next) {
                let quote = UnsafeRawPointer(found)
                if end - quote >= key.count, memcmp(quote, key, key.count) == 0 { return true }
                next = quote + 1
            }
            return false
        }
    }

    /// Parses, decodes and translates a request body that has been read.
    private func interpret(_ buffer: ByteBuffer, of request: Request, compact: Bool,
                           started: ContinuousClock.Instant, heavy: Bool) async throws -> PreparedRequest {
        let body: JSONValue
        do {
            body = try buffer.withUnsafeReadableBytes { bytes in
                try Result { () throws(JSONParseError) in try JSONValue.parse(bytes) }.get()
            }
        } catch {
            throw OpenAIErrorResponse(.invalidJSON, message: "The request body is not valid JSON: \(error)")
        }

        var inputItems = Self.rawInputItems(body)
        var effectiveBody = body
        if let previous = body["previous_response_id"]?.stringValue {
            guard let archive = dependencies.archive,
                  let history = try await archive.conversation(endingAt: previous) else {
                throw OpenAIErrorResponse(.responseNotFound, message: "No stored response with id '\(previous)'. It may have expired from the response store, or it was created with store=false.",
                                          param: "previous_response_id")
            }
            inputItems = history + inputItems
            if case .object(var object) = body {
                object["input"] = .array(inputItems)
                effectiveBody = .object(object)
            }
        }
        if compact, case .object(var object) = effectiveBody {
            // Compaction is a request whose input ends in compaction_trigger; its answer is one compaction item.
            object["input"] = .array(inputItems + [["type": "compaction_trigger"]])
            object["stream"] = false
            effectiveBody = .object(object)
        }

        let decoded: ResponsesRequest
        do {
            decoded = try ResponsesRequest.decode(effectiveBody)
        } catch {
            throw OpenAIErrorResponse(.invalidRequest, message: error.message, param: error.param)
        }
        let options = dependencies.models.translationOptions(defaultMaxCompletionTokens: settings.defaultMaxOutputTokens,
                                                             streamUpstream: true)
        let translated = RequestTranslator.translate(decoded, options: options)

        guard let key = dependencies.resolveKey({ name in HTTPField.Name(name).flatMap { request.headers[$0] } }) else {
            throw OpenAIErrorResponse(.missingAPIKey, message: dependencies.missingKeyMessage)
        }
        dependencies.modelRefresh?.requestSeen(key: key)
        let identifiers = ResponseIdentifiers.random()
        return PreparedRequest(translated: translated,
                        call: UpstreamCall(body: translated.body, model: translated.upstreamModel, apiKey: key,
                                           bodySizeHint: buffer.readableBytes),
                        fallback: ModelFallback(request: translated, options: options),
                        key: key, identifiers: identifiers, createdAt: Int(Date().timeIntervalSince1970),
                        inputItems: inputItems, store: body["store"]?.boolValue ?? true, started: started, heavy: heavy)
    }

    /// The request's input as items (a string input becomes one user message), for the archive.
    static func rawInputItems(_ body: JSONValue) -> [JSONValue] {
        switch body["input"] {
        case .string(let text)?: return [["type": "message", "role": "user", "content": [["type": "input_text", "text": .string(text)]]]]
        case .array(let items)?: return items
        default: return []
        }
    }
}
