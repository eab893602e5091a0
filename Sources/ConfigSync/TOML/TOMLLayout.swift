/// Where every key, value and table of a TOML document sits, as UTF-8 byte offsets, so that edits
/// can touch exactly the bytes of one value and leave comments, spacing and order alone. Built by
/// `TOMLScanner`; TOMLKit (which keeps no positions) validates the result of every edit.
struct TOMLLayout: Sendable {
    /// A value as far as the planner needs it: strings and booleans decoded, anything else opaque.
    enum Value: Sendable, Equatable {
        case string(String)
        case boolean(Bool)
        case other
    }

    enum Container: Sendable, Equatable {
        case section(Int)
        case inlineTable(Int)
    }

    /// A key/value pair. `path` is the full dotted path from the document root.
    struct Entry: Sendable, Equatable {
        var path: [String]
        var keyStart: Int
        var valueRange: Range<Int>
        var value: Value
        /// For entries in a section: from the start of the key's line to just after the newline
        /// that ends the value's last line (or to the end of the document).
        var lineRange: Range<Int>
        var container: Container
    }

    /// The root (index 0, no header) or a `[table]` / `[[array]]` section.
    struct Section: Sendable, Equatable {
        var path: [String]
        var isArrayTable: Bool
        var headerLineRange: Range<Int>?
    }

    /// `{ … }` as the value of a key outside any array.
    struct InlineTable: Sendable, Equatable {
        var path: [String]
        var openBrace: Int
        var closeBrace: Int
    }

    /// Where the keys of a table are written, which decides how a new key is added.
    enum TableLocation: Sendable, Equatable {
        case section(Int)
        case inlineTable(Int)
        /// Only through dotted keys (`custom.base_url = …`) inside a section of a parent table.
        case dotted(section: Int, keyPrefix: [String])
    }

    var bytes: [UInt8]
    var sections: [Section]
    var inlineTables: [InlineTable]
    var entries: [Entry]

    /// `\r\n` when the document's first line break is one, so added lines match the file.
    var lineBreak: String {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
        return newline > 0 && bytes[newline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    /// The entry at `path`, ignoring keys inside arrays of tables (which have no single address).
    func entry(_ path: [String]) -> Entry? {
        entries.last { $0.path == path && !isInArrayTable($0) }
    }

    func table(_ path: [String]) -> TableLocation? {
        if path.isEmpty { return .section(0) }
        if let index = sections.lastIndex(where: { $0.path == path && !$0.isArrayTable }) {
            return .section(index)
        }
        if let index = inlineTables.firstIndex(where: { $0.path == path }) {
            return .inlineTable(index)
        }
        for entry in entries where entry.path.count > path.count && entry.path.starts(with: path) {
            guard case .section(let index) = entry.container, !sections[index].isArrayTable,
                  sections[index].path.count < path.count, path.starts(with: sections[index].path)
            else { continue }
            return .dotted(section: index, keyPrefix: Array(path.dropFirst(sections[index].path.count)))
        }
        return nil
    }

    /// Entries written directly in `container`, in document order.
    func entries(in container: Container) -> [Entry] {
        entries.filter { $0.container == container }.sorted { $0.keyStart < $1.keyStart }
    }

    /// The blanks before the key on an entry's line, reused for a line added next to it.
    func indentation(of entry: Entry) -> String {
        String(decoding: bytes[entry.lineRange.lowerBound..<entry.keyStart], as: UTF8.self)
    }

    func isInArrayTable(_ entry: Entry) -> Bool {
        if case .section(let index) = entry.container { return sections[index].isArrayTable }
        return false
    }
}

/// Line and column of a byte offset, 1-based, counting columns in bytes.
enum TextPosition {
    static func of(_ offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
