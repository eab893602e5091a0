/// Finds `SIM_…` tokens in free text. A token counts only as a whole word: not inside a longer
/// identifier such as `XSIM_SHELL` or `SIM_SHELLS`.
enum DirectiveScanner {
    /// Each occurrence of one of `keywords`, in text order, with the rest of its line as the argument
    /// (trimmed, cut before any `SIM_FAULT_` token so fault tokens may share the line).
    static func occurrences(of keywords: [String], in text: String) -> [(keyword: String, argument: String)] {
        var found: [(position: String.Index, keyword: String, argument: String)] = []
        for keyword in keywords {
            for range in text.ranges(of: keyword) where isWholeWord(range, in: text) {
                let lineEnd = text[range.upperBound...].firstIndex(where: \.isNewline) ?? text.endIndex
                var argument = text[range.upperBound..<lineEnd]
                if let fault = argument.firstRange(of: "SIM_FAULT_") { argument = argument[..<fault.lowerBound] }
                found.append((range.lowerBound, keyword, trimmed(argument)))
            }
        }
        return found.sorted { $0.position < $1.position }.map { ($0.keyword, $0.argument) }
    }

    /// Every whole-word token starting with `prefix`, e.g. `SIM_FAULT_DISCONNECT_AFTER_CONTENT`, read
    /// as far as `[A-Z0-9_.]` goes; a trailing `.` (end of a sentence) is not part of it.
    static func tokens(startingWith prefix: String, in text: String) -> [String] {
        var tokens: [String] = []
        for range in text.ranges(of: prefix) where range.lowerBound == text.startIndex
            || !isTokenCharacter(text[text.index(before: range.lowerBound)])
        {
            var token = text[range.lowerBound...].prefix(while: { isTokenCharacter($0) || $0 == "." })
            while token.last == "." { token = token.dropLast() }
            tokens.append(String(token))
        }
        return tokens
    }

    static func trimmed(_ text: Substring) -> String { text.trimmedWhitespace }

    private static func isWholeWord(_ range: Range<String.Index>, in text: String) -> Bool {
        if range.lowerBound > text.startIndex, isTokenCharacter(text[text.index(before: range.lowerBound)]) { return false }
        if range.upperBound < text.endIndex, isTokenCharacter(text[range.upperBound]) { return false }
        return true
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }
}
