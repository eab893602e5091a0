import ResponsesTranslation

/// How `record-session` stores a body: `{"keys": [all keys in order], "same": [keys equal to the
/// previous body's], "<list>_kept": n, "values": {the other keys}}`, where the list field (`input`,
/// `messages`) holds only what follows the first `n` items of the previous body's list. A session
/// resends its whole history on every request, so this keeps the file a fraction of its full size.
enum RecordedDelta {
    static func rebuild(_ delta: JSONValue, after previous: JSONValue?, list: String) throws(RecordedSessionError) -> JSONValue {
        guard let keys = delta["keys"]?.arrayValue, let values = delta["values"]?.objectValue else {
            throw RecordedSessionError("a recorded body without keys or values")
        }
        let same = Set((delta["same"]?.arrayValue ?? []).compactMap(\.stringValue))
        let kept = delta["\(list)_kept"]?.intValue ?? 0
        var body = JSONObject()
        for case .string(let key) in keys {
            if same.contains(key) {
                guard let value = previous?[key] else { throw RecordedSessionError("\(key) is said to be unchanged, but nothing came before") }
                body.appendUnique(key, value)
            } else if key == list, case .array(let appended)? = values[key] {
                let earlier = previous?[key]?.arrayValue ?? []
                guard kept <= earlier.count else { throw RecordedSessionError("\(list) keeps \(kept) items of \(earlier.count)") }
                body.appendUnique(key, .array(Array(earlier.prefix(kept)) + appended))
            } else if let value = values[key] {
                body.appendUnique(key, value)
            } else {
                throw RecordedSessionError("\(key) has no value")
            }
        }
        return .object(body)
    }
}
