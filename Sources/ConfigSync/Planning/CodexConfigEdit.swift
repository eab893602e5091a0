/// The config.toml values ccmimolink owns, set with surgical edits, checked by TOMLKit before
/// anything is written, and recorded (except secrets) so an undo can put back what was there.
struct CodexConfigEdit {
    /// A value config.toml should hold.
    struct Setting: Sendable, Equatable {
        var path: [String]
        var value: TOMLLayout.Value
        /// Keys are refreshed but never recorded, so no key lands in ccmimolink's state.
        var isSecret = false
    }

    var after: String?
    var records: [SyncRecord.CodexEntryRecord]

    /// Plans `settings` against `file`. `table` must exist: every setting except top-level ones
    /// lives in it. `previous` are the records of earlier syncs, whose originals are kept.
    static func plan(
        _ settings: [Setting], in file: CodexLiveFiles.Config, table: [String], previous: [SyncRecord.CodexEntryRecord]
    ) throws(SyncError) -> CodexConfigEdit {
        let layout = file.layout
        guard layout.table(table) != nil else {
            throw .codexProviderTableMissing(path: file.path, tableID: table.last ?? "")
        }
        let editor = TOMLEdits(layout)
        var edits: [TextEdit] = []
        var records = previous
        for setting in settings {
            let entry = layout.entry(setting.path)
            if entry?.value == setting.value { continue }
            let currentLiteral = entry.map { String(decoding: layout.bytes[$0.valueRange], as: UTF8.self) }
            let literal: String
            switch setting.value {
            case .string(let text): literal = TOMLLiteral.string(text, replacing: currentLiteral)
            case .boolean(let flag): literal = TOMLLiteral.boolean(flag)
            case .other: continue
            }
            if let entry {
                edits.append(editor.replaceValue(of: entry, with: literal))
            } else {
                do {
                    edits.append(try editor.insert(
                        key: setting.path.last ?? "", literal: literal, intoTable: Array(setting.path.dropLast())))
                } catch {
                    throw .codexProviderTableMissing(path: file.path, tableID: table.last ?? "")
                }
            }
            guard !setting.isSecret else { continue }
            if let index = records.firstIndex(where: { $0.path == setting.path }) {
                // A value that is neither ours nor gone was set on purpose since: it becomes the original.
                if let currentLiteral, currentLiteral != records[index].writtenLiteral {
                    records[index].originalLiteral = currentLiteral
                }
                records[index].writtenLiteral = literal
            } else {
                records.append(SyncRecord.CodexEntryRecord(path: setting.path, originalLiteral: currentLiteral, writtenLiteral: literal))
            }
        }
        guard !edits.isEmpty else { return CodexConfigEdit(after: nil, records: records) }
        let after = edits.applied(to: file.text)
        try verify(after, settings: settings, path: file.path)
        return CodexConfigEdit(after: after, records: records)
    }

    /// TOMLKit must read the edited text and find exactly the intended values.
    static func verify(_ text: String, settings: [Setting], path: String) throws(SyncError) {
        let check: TOMLCheck
        do {
            check = try TOMLCheck(text)
        } catch {
            throw .cannotEditSafely(path: path, reason: "the edited text would not be valid TOML (line \(error.line))")
        }
        for setting in settings {
            let matches = switch setting.value {
            case .string(let expected): check.string(at: setting.path) == expected
            case .boolean(let expected): check.boolean(at: setting.path) == expected
            case .other: true
            }
            guard matches else {
                throw .cannotEditSafely(path: path, reason: "after editing, \(TOMLLiteral.dottedKey(setting.path)) would not read back as intended")
            }
        }
    }
}
