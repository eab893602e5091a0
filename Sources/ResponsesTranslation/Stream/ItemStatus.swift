/// The `status` of an output item: `in_progress` in `response.output_item.added`, `completed` in
/// `response.output_item.done` and in the response. Codex takes items only from `output_item.done`
/// and does not act on this field; the OpenAI SDKs and `GET /v1/responses/{id}` readers see it.
public enum ItemStatus: String, Sendable, CaseIterable {
    case inProgress = "in_progress"
    case completed
}
