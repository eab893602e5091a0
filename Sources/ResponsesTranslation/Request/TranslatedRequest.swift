/// The result of translating one Responses request: the MiMo body plus everything the stream
/// translator and the logs need to know about how it was built.
public struct TranslatedRequest: Sendable {
    public enum Mode: Sendable, Equatable {
        /// An ordinary turn.
        case respond
        /// Remote compaction v2: the input ended in `compaction_trigger`, so the answer must be exactly
        /// one `compaction` item holding a summary of the history.
        case compact
    }

    /// The Chat Completions request for MiMo.
    public var body: JSONValue
    public var messages: [ChatMessage]
    public var catalog: ToolCatalog
    public var requestedModel: String?
    public var upstreamModel: String
    /// Who chose `upstreamModel`: a model MiMo refuses is replaced only when the daemon chose it.
    public var modelOrigin: ModelChoice.Origin
    public var thinkingEnabled: Bool
    public var clientStreams: Bool
    public var upstreamStreams: Bool
    public var parallelToolCalls: Bool
    public var mode: Mode
    public var containsImages: Bool
    /// What was dropped, repaired or approximated, for the request's log line.
    public var notes: [TranslationNote]
    /// Request fields echoed in the Response object.
    public var echo: JSONObject
}
