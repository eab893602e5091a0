import Hummingbird
import MimoSimulator
import NIOCore
import ResponsesTranslation

/// `POST …/chat/completions` as MiMo answers it, in this order:
/// 1. auth (401 with MiMo's body);
/// 2. the next queued fault is taken: an error status answers at once, as a gateway's limiter would,
///    before the body is looked at;
/// 3. the body is validated by `MimoRequestValidator`: a rejection answers with its exact status and
///    body, as JSON even for `stream: true`;
/// 4. `SIM_FAULT_…` tokens of the last user message join the plan (only while the conversation ends
///    with that message, not with tool results);
/// 5. the scripted brain replies, cut to `max_completion_tokens`, framed as a stream or a completion,
///    its usage reporting as cached the prompt prefix shared with the key's previous request.
/// Every request is recorded with the status it got and the usage its reply reported.
struct ChatCompletionsEndpoint: Sendable {
    let options: MimoSimulatorOptions
    let state: SimulatorState
    let brain = ScriptedBrain()

    func respond(to incoming: Request) async throws -> Response {
        var request = incoming
        let authentication = MimoAuthentication(headers: request.headers, mode: options.mode)
        let bodyBuffer: ByteBuffer
        do {
            bodyBuffer = try await request.collectBody(upTo: options.maxRequestBodyBytes)
        } catch {
            return .json(MimoErrorBodies.body(forStatus: 413), status: 413)
        }
        let bodyText = String(buffer: bodyBuffer)
        let parsedBody = try? JSONValue.parse(bodyText)
        let record = RequestRecord(path: request.uri.path, authentication: authentication, body: parsedBody ?? .string(bodyText))
        let answer = { (response: Response, usage: JSONValue?) async -> Response in
            var record = record
            record.usage = usage
            await state.record(record.json(status: response.status.code), bodyBytes: bodyBuffer.readableBytes)
            return response
        }

        guard authentication.isAccepted else { return await answer(.json(MimoErrorBodies.invalidKey, status: 401), nil) }

        var plan = FaultPlan()
        if let queued = await state.takeNextFault() { plan.add(queued) }
        if let early = try await errorAnswerIfPlanned(plan, request: request) { return await answer(early, nil) }

        let validator = MimoRequestValidator(lineup: await state.lineup)
        let validation = parsedBody.map { validator.validate($0) } ?? validator.validate(bodyText: bodyText)
        let chat: ValidatedChatRequest
        switch validation {
        case .failure(let rejection): return await answer(.json(rejection.body, status: rejection.status), nil)
        case .success(let accepted): chat = accepted
        }
        let body = parsedBody ?? .null

        if chat.trailingToolResults.isEmpty, let userText = chat.lastUserText {
            for directive in FaultDirectives.parse(userText) {
                if directive.once, !(await state.claimOnce(Self.fingerprint(userText, directive.token))) { continue }
                plan.add(directive.fault)
            }
        }
        if let late = try await errorAnswerIfPlanned(plan, request: request) { return await answer(late, nil) }

        let reply = TokenEstimate.limit(brain.reply(to: chat, body: body), toMaxCompletionTokens: chat.maxCompletionTokens)
        let promptTokens = TokenEstimate.promptTokens(bodyBytes: bodyBuffer.readableBytes)
        let shared = await state.sharedPrefixBytes(key: authentication.key ?? "", body: bodyBuffer.readableBytesView)
        var encoder = ChatCompletionEncoder(
            identifiers: CompletionIdentifiers(serial: await state.nextSerial()), created: UnixTime.now(), model: chat.model,
            promptTokens: promptTokens)
        encoder.cachedTokens = TokenEstimate.cachedPromptTokens(sharedPrefixBytes: shared, promptTokens: promptTokens)
        try await stallBeforeHeadersIfPlanned(plan, request: request)
        let delivery = ReplyDelivery(request: request, plan: plan, chunkDelay: options.chunkDelay, maxStall: options.maxStall, state: state)
        // The usage MiMo reports, recorded even when a fault cuts the stream before its usage chunk.
        let usage = encoder.usage(reply)
        if chat.stream {
            return await answer(delivery.stream(encoder.frames(reply, includeUsage: chat.includeUsage)), chat.includeUsage ? usage : nil)
        }
        return await answer(delivery.complete(encoder.completion(reply)), usage)
    }

    /// The planned error answer, after any planned stall before headers; nil when there is none.
    private func errorAnswerIfPlanned(_ plan: FaultPlan, request: Request) async throws -> Response? {
        if let status = plan.errorAnswer {
            try await stallBeforeHeadersIfPlanned(plan, request: request)
            return .error(status, sseFramed: false)
        }
        if let framed = plan.framedErrorAnswer {
            try await stallBeforeHeadersIfPlanned(plan, request: request)
            return .error(framed, sseFramed: true)
        }
        return nil
    }

    private func stallBeforeHeadersIfPlanned(_ plan: FaultPlan, request: Request) async throws {
        guard let stall = plan.stallBeforeHeaders else { return }
        try await Stall.hold(stall, limit: options.maxStall, request: request, state: state)
    }

    /// FNV-1a over the user text and the token: identifies "this directive in this message" for `_ONCE`.
    static func fingerprint(_ userText: String, _ token: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in Array(userText.utf8) + [0] + Array(token.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
