/// Edits of one TOML document that touch only the bytes of the keys being set or removed:
/// a value is replaced in place, a new key goes on its own line after the table's last key (with
/// that key's indentation), and a removal takes back exactly what an insertion added. Everything
/// else — comments, blank lines, spacing, order, other tables — is left as it was.
struct TOMLEdits {
    let layout: TOMLLayout

    init(_ layout: TOMLLayout) {
        self.layout = layout
    }

    enum Failure: Error, Equatable {
        /// The table that should hold the key does not exist in the document.
        case noSuchTable([String])
    }

    /// Replaces the value of an existing entry with `literal` (TOML source text).
    func replaceValue(of entry: TOMLLayout.Entry, with literal: String) -> TextEdit {
        TextEdit(range: entry.valueRange, replacement: literal)
    }

    /// Adds `key = literal` to the table at `table`. The caller checked that the key is absent.
    func insert(key: String, literal: String, intoTable table: [String]) throws(Failure) -> TextEdit {
        guard let location = layout.table(table) else { throw .noSuchTable(table) }
        let newline = layout.lineBreak
        switch location {
        case .inlineTable(let index):
            let inline = layout.inlineTables[index]
            let keyText = TOMLLiteral.key(key)
            if let last = layout.entries(in: .inlineTable(index)).last {
                return .insert(", \(keyText) = \(literal)", at: last.valueRange.upperBound)
            }
            return .insert(" \(keyText) = \(literal)", at: inline.openBrace + 1)
        case .section(let index):
            let line = TOMLLiteral.key(key) + " = " + literal
            if let last = layout.entries(in: .section(index)).last {
                return lineInsertion(layout.indentation(of: last) + line, after: last.lineRange.upperBound, newline: newline)
            }
            if let header = layout.sections[index].headerLineRange {
                return lineInsertion(line, after: header.upperBound, newline: newline)
            }
            return lineInsertion(line, before: rootInsertionPoint(), newline: newline)
        case .dotted(let sectionIndex, let prefix):
            let line = TOMLLiteral.dottedKey(prefix + [key]) + " = " + literal
            let siblings = layout.entries(in: .section(sectionIndex)).filter {
                $0.path.starts(with: layout.sections[sectionIndex].path + prefix)
            }
            // `dotted` is only reported when such an entry exists.
            let last = siblings.last!
            return lineInsertion(layout.indentation(of: last) + line, after: last.lineRange.upperBound, newline: newline)
        }
    }

    /// Removes an entry; the inverse of `insert` byte for byte.
    func remove(_ entry: TOMLLayout.Entry) -> TextEdit {
        switch entry.container {
        case .inlineTable(let index):
            let siblings = layout.entries(in: .inlineTable(index))
            let position = siblings.firstIndex(of: entry) ?? 0
            if position > 0 {
                return TextEdit(range: siblings[position - 1].valueRange.upperBound..<entry.valueRange.upperBound, replacement: "")
            }
            if siblings.count > 1 {
                return TextEdit(range: entry.keyStart..<siblings[1].keyStart, replacement: "")
            }
            return TextEdit(range: (layout.inlineTables[index].openBrace + 1)..<entry.valueRange.upperBound, replacement: "")
        case .section:
            var range = entry.lineRange
            let bytes = layout.bytes
            let endsWithoutNewline = range.upperBound == bytes.count && bytes.last != UInt8(ascii: "\n")
            if endsWithoutNewline, range.lowerBound > 0, bytes[range.lowerBound - 1] == UInt8(ascii: "\n") {
                // The insertion added the line break before a last line that has none.
                var start = range.lowerBound - 1
                if start > 0, bytes[start - 1] == UInt8(ascii: "\r") { start -= 1 }
                range = start..<range.upperBound
            }
            return TextEdit(range: range, replacement: "")
        }
    }

    /// A whole line after `offset` (the end of a previous line). When that line is the last one
    /// and has no line break, the break goes before the new line and none after, as before.
    private func lineInsertion(_ line: String, after offset: Int, newline: String) -> TextEdit {
        let bytes = layout.bytes
        if offset == bytes.count, let last = bytes.last, last != UInt8(ascii: "\n") {
            return .insert(newline + line, at: offset)
        }
        return .insert(line + newline, at: offset)
    }

    private func lineInsertion(_ line: String, before offset: Int, newline: String) -> TextEdit {
        if offset == layout.bytes.count { return lineInsertion(line, after: offset, newline: newline) }
        return .insert(line + newline, at: offset)
    }

    /// Where a top-level key goes when the root has none: above the first table header and the
    /// comment lines attached to it, or at the end of a document without tables.
    private func rootInsertionPoint() -> Int {
        guard let header = layout.sections.dropFirst().first?.headerLineRange else { return layout.bytes.count }
        var start = header.lowerBound
        while start > 0 {
            let previousLineStart = lineStart(before: start)
            let line = layout.bytes[previousLineStart..<start].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            guard line.first == UInt8(ascii: "#") else { break }
            start = previousLineStart
        }
        return start
    }

    /// The start of the line that ends just before `offset`.
    private func lineStart(before offset: Int) -> Int {
        var index = offset - 1
        while index > 0, layout.bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return max(index, 0)
    }
}
