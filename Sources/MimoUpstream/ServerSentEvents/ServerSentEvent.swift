/// One dispatched Server-Sent Event.
public struct ServerSentEvent: Sendable, Hashable, CustomStringConvertible {
    /// The `event:` field; nil when absent or empty (the spec's default "message").
    public var event: String?
    /// The `data:` lines of the event, joined with "\n".
    public var data: String
    /// The last `id:` seen so far in the stream (ids persist across events, per the spec).
    public var id: String?

    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// OpenAI-style end of stream.
    public var isDone: Bool { data == "[DONE]" }

    public var description: String {
        (event.map { "event: \($0) " } ?? "") + "data: \(data.prefix(200))"
    }
}
