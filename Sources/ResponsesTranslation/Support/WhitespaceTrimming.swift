// Keys, URLs and header values arrive with stray spaces and newlines (pasted, `echo` into a file);
// trimming them here keeps Foundation out of the string handling.
extension StringProtocol {
    /// The text without leading or trailing whitespace and newlines.
    public var trimmedWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
