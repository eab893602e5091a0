import MimoSimulator
import ResponsesTranslation

/// The prefix reuse of a recorded session, measured two ways: on the bodies the daemon really sent
/// while recording (`live`), and on the session's Codex requests sent through today's translator
/// (`replay`), which is what a change to the translator is judged by.
public enum SessionMeasurement {
    public struct Replay: Sendable {
        public var rows: [PrefixReuse]
        public var sent: [SessionReplayer.Sent]
    }

    /// The requests MiMo answered while recording (refusals are not billed and fill no cache). The best
    /// possible comes from today's translator.
    public static func live(_ session: RecordedSession) throws -> [PrefixReuse] {
        let answered = session.upstream.filter { $0.status == 200 }
        guard answered.count == session.requests.count else {
            throw RecordedSessionError("\(answered.count) answered MiMo requests for \(session.requests.count) Codex requests")
        }
        return try measure(session, textOnly: session.textOnlyModels, options: TranslationOptions()) { index, _ in
            CachePrompt(upstreamBody: answered[index].body)
        }.rows
    }

    /// The session's Codex requests through the translator, MiMo serving `textOnly` models without images.
    public static func replay(_ session: RecordedSession, textOnly: Set<String>,
                              options: TranslationOptions = TranslationOptions()) throws -> Replay {
        try measure(session, textOnly: textOnly, options: options) { _, sent in CachePrompt(upstreamBody: sent.body) }
    }

    private static func measure(_ session: RecordedSession, textOnly: Set<String>, options: TranslationOptions,
                                prompt: (Int, SessionReplayer.Sent) -> CachePrompt) throws -> Replay {
        var replayer = SessionReplayer(options: options, mimo: MimoRequestValidator(lineup: SimulatedModelLineup(textOnly: textOnly)))
        let extended = ClientExtension.flags(session.requests.map(\.body))
        var previous: [String: JSONValue] = [:]
        var meter = PrefixReuseMeter()
        var sent: [SessionReplayer.Sent] = []
        for (index, codex) in session.requests.enumerated() {
            let answer = try replayer.send(codex.body)
            sent.append(answer)
            let current = prompt(index, answer)
            let conversation = ClientExtension.conversation(of: codex.body)
            let ideal = try previous[conversation].map { try replayer.prompt(of: $0, for: current.model) }
            meter.record(current, conversation: conversation, turn: codex.turn, clientExtended: extended[index], ideal: ideal)
            previous[conversation] = codex.body
        }
        return Replay(rows: meter.rows, sent: sent)
    }
}
