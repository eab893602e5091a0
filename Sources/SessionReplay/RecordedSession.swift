import ResponsesTranslation

/// A Codex session recorded by `Benchmarks/CacheReuse/record-session`: every body Codex sent to the
/// daemon and every body the daemon sent to the MiMo simulator, in order. The file stores each body
/// as a delta of the one before (`RecordedDelta`); this rebuilds them whole.
public struct RecordedSession: Sendable {
    public struct Turn: Sendable, Equatable {
        public var number: Int
        public var prompt: String
        /// The image attached with `codex exec -i`, if any.
        public var image: String?
        public var daemonRestartedBefore: Bool
    }

    /// One `POST /v1/responses` as Codex sent it.
    public struct CodexRequest: Sendable {
        public var turn: Int
        public var body: JSONValue
    }

    /// One chat request as the daemon sent it to MiMo (the simulator), with MiMo's status.
    public struct UpstreamRequest: Sendable {
        public var model: String
        public var status: Int
        public var body: JSONValue
    }

    public var codexVersion: String
    /// The models the simulator served without images while recording.
    public var textOnlyModels: Set<String>
    public var turns: [Turn]
    public var requests: [CodexRequest]
    public var upstream: [UpstreamRequest]

    public init(fixture: JSONValue) throws(RecordedSessionError) {
        guard let version = fixture["codex_version"]?.stringValue,
              let turns = fixture["turns"]?.arrayValue, let requests = fixture["requests"]?.arrayValue,
              let upstream = fixture["upstream"]?.arrayValue else {
            throw RecordedSessionError("not a recorded session: codex_version, turns, requests or upstream is missing")
        }
        codexVersion = version
        textOnlyModels = Set((fixture["simulator_text_only"]?.arrayValue ?? []).compactMap(\.stringValue))
        self.turns = try turns.map { turn throws(RecordedSessionError) in
            guard let number = turn["turn"]?.intValue, let prompt = turn["prompt"]?.stringValue else {
                throw RecordedSessionError("a turn without its number or prompt")
            }
            return Turn(number: number, prompt: prompt, image: turn["image"]?.stringValue,
                        daemonRestartedBefore: turn["daemon_restarted_before"]?.boolValue ?? false)
        }
        var previous: JSONValue?
        self.requests = try requests.map { request throws(RecordedSessionError) in
            guard let turn = request["turn"]?.intValue, let delta = request["body"] else {
                throw RecordedSessionError("a Codex request without its turn or body")
            }
            let body = try RecordedDelta.rebuild(delta, after: previous, list: "input")
            previous = body
            return CodexRequest(turn: turn, body: body)
        }
        previous = nil
        self.upstream = try upstream.map { request throws(RecordedSessionError) in
            guard let model = request["model"]?.stringValue, let status = request["status"]?.intValue,
                  let delta = request["body"] else {
                throw RecordedSessionError("a MiMo request without its model, status or body")
            }
            let body = try RecordedDelta.rebuild(delta, after: previous, list: "messages")
            previous = body
            return UpstreamRequest(model: model, status: status, body: body)
        }
    }
}

public struct RecordedSessionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
