/// One replacement in a UTF-8 text: `range` (byte offsets into the original) becomes
/// `replacement`. An empty range is an insertion, an empty replacement a removal. Edits are
/// computed against the original and applied together, so offsets never shift under the planner.
struct TextEdit: Sendable, Equatable {
    var range: Range<Int>
    var replacement: String

    static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(range: offset..<offset, replacement: text)
    }
}

extension Array where Element == TextEdit {
    /// Applies every edit to `bytes`. Edits must not overlap; insertions at the same offset land in
    /// the order they were listed.
    func applied(to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in orderedForApplication() {
            result.replaceSubrange(edit.range, with: [UInt8](edit.replacement.utf8))
        }
        return result
    }

    func applied(to text: String) -> String {
        String(decoding: applied(to: [UInt8](text.utf8)), as: UTF8.self)
    }

    /// Back to front, so earlier offsets stay valid; at equal offsets the later-listed edit first,
    /// which leaves the listed order in the result.
    func orderedForApplication() -> [TextEdit] {
        enumerated()
            .sorted { lhs, rhs in
                lhs.element.range.lowerBound != rhs.element.range.lowerBound
                    ? lhs.element.range.lowerBound > rhs.element.range.lowerBound
                    : lhs.offset > rhs.offset
            }
            .map(\.element)
    }
}
