import ResponsesTranslation

/// Whether a Codex request only adds to the previous request of its conversation: the same prompt
/// fields and a history that starts with the previous history. Only then can a bridge send MiMo an
/// exact extension of its previous prompt; anything else (a compaction, a changed tool set) breaks
/// the prefix at the client.
public enum ClientExtension {
    /// The request fields that shape MiMo's prompt besides `input`.
    static let promptFields = ["model", "instructions", "tools", "tool_choice", "reasoning", "text"]

    public static func extends(_ current: JSONValue, previous: JSONValue) -> Bool {
        for field in promptFields where current[field] != previous[field] { return false }
        guard let old = previous["input"]?.arrayValue, let new = current["input"]?.arrayValue, new.count >= old.count else {
            return false
        }
        return zip(old, new).allSatisfy { $0 == $1 }
    }

    /// The conversation a request belongs to: Codex's `prompt_cache_key` (its thread id).
    public static func conversation(of body: JSONValue) -> String {
        body["prompt_cache_key"]?.stringValue ?? ""
    }

    /// For each request in order: whether it extends the previous request of its conversation.
    public static func flags(_ bodies: [JSONValue]) -> [Bool] {
        var latest: [String: JSONValue] = [:]
        return bodies.map { body in
            let key = conversation(of: body)
            defer { latest[key] = body }
            return latest[key].map { extends(body, previous: $0) } ?? false
        }
    }
}
