import ResponsesTranslation

/// One response the daemon produced, as kept for `GET /v1/responses/{id}` and for expanding
/// `previous_response_id` in a later request.
public struct StoredResponse: Sendable, Equatable {
    /// The response id, `resp_…`.
    public var id: String
    /// Unix seconds; the store evicts the smallest values first.
    public var createdAt: Int
    public var model: String
    /// `completed`, `incomplete` or `failed`.
    public var status: String
    /// The full Responses object exactly as returned to the client.
    public var response: JSONValue
    /// The request's input items after `previous_response_id` expansion, so this record alone holds
    /// the whole conversation that led to `response`.
    public var inputItems: [JSONValue]

    public init(
        id: String, createdAt: Int, model: String, status: String, response: JSONValue, inputItems: [JSONValue]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.model = model
        self.status = status
        self.response = response
        self.inputItems = inputItems
    }

    /// The output items of `response`; empty when it has none (a failed response, say).
    public var outputItems: [JSONValue] { response["output"]?.arrayValue ?? [] }

    /// Input items followed by output items: what a follow-up request's input continues from.
    public var conversation: [JSONValue] { inputItems + outputItems }
}
