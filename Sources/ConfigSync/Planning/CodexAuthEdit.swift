import ResponsesTranslation

/// Keeps auth.json's `OPENAI_API_KEY` equal to the key cc-switch holds for the MiMo provider.
/// Codex sends it as `Authorization: Bearer` to the daemon, and cc-switch reads auth.json back
/// into the provider row on its next switch — so it must always be the real key, never a
/// placeholder. Only that one value changes; the rest of the file keeps its bytes.
enum CodexAuthEdit {
    static let keyName = "OPENAI_API_KEY"

    /// The new file text, or nil when it already holds `key`.
    static func plan(_ auth: CodexLiveFiles.Auth?, path: String, key: String) throws(SyncError) -> String? {
        let literal = "\"" + JSONStringText.escaped(key) + "\""
        guard let auth else {
            // cc-switch writes pretty-printed JSON with two-space indentation.
            return "{\n  \"\(keyName)\": \(literal)\n}\n"
        }
        if auth.apiKey == key { return nil }
        let members: JSONMembers
        do {
            members = try JSONMembers.locate(in: auth.bytes)
        } catch {
            throw .malformedFile(path: path, reason: "\(error.reason) at byte \(error.offset)")
        }
        let edit: TextEdit
        if let member = members.member(keyName) {
            edit = TextEdit(range: member.valueRange, replacement: literal)
        } else if let first = members.members.first {
            // Same spacing as between `{` and the first member, so the new line looks like the others.
            let gap = String(decoding: auth.bytes[(members.openBrace + 1)..<first.keyRange.lowerBound], as: UTF8.self)
            edit = .insert("\"\(keyName)\": \(literal)," + gap, at: first.keyRange.lowerBound)
        } else {
            edit = TextEdit(range: (members.openBrace + 1)..<members.closeBrace, replacement: "\n  \"\(keyName)\": \(literal)\n")
        }
        let after = String(decoding: [edit].applied(to: auth.bytes), as: UTF8.self)
        guard case .object(let object)? = try? JSONValue.parse(after), object[keyName]?.stringValue == key else {
            throw .cannotEditSafely(path: path, reason: "the edited file would not hold the key as intended")
        }
        return after
    }
}
