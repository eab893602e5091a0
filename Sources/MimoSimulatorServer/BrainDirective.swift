/// A `SIM_…` instruction in the last user message telling the scripted brain what to answer. Codex wraps
/// the user's words (environment context, instructions), so the directive is searched anywhere in the
/// text; its argument runs to the end of that line, stopping before any `SIM_FAULT_…` token.
enum BrainDirective: Sendable, Equatable {
    /// `SIM_SHELL <command>`: one shell tool call.
    case shell(String)
    /// `SIM_PARALLEL <cmd1> ;; <cmd2>`: one shell tool call per command, in one message.
    case parallel([String])
    /// `SIM_PATCH <path> <text>`: an `apply_patch` call adding a one-line file.
    case patch(path: String, text: String)
    /// `SIM_TEXT_TOOL[_<SHAPE>] <command>`: the shell call written as text, in one of the shapes MiMo
    /// leaks calls in (`LeakedCallShape`).
    case textTool(LeakedCallShape, String)
    /// `SIM_TEXT_PATCH[_BARE] <path> <text>`: the `apply_patch` call's freeform body written as text
    /// (`LeakedPatchShape`).
    case textPatch(LeakedPatchShape, path: String, text: String)
    /// `SIM_IMAGE`: say how many images the request carries.
    case image
    /// `SIM_TOOL_SEARCH <query>`: one `tool_search` call, so Codex reveals the tools it defers.
    case toolSearch(String)

    static let keywords = ["SIM_SHELL", "SIM_PARALLEL", "SIM_PATCH", "SIM_IMAGE", "SIM_TOOL_SEARCH"]
        + LeakedCallShape.allCases.map(\.keyword) + LeakedPatchShape.allCases.map(\.keyword)
    /// Parallel calls beyond this are dropped, to keep a reply bounded.
    static let maxParallelCalls = 16

    /// The first well-formed directive in `text`, by position.
    static func first(in text: String) -> BrainDirective? {
        for (keyword, argument) in DirectiveScanner.occurrences(of: keywords, in: text) {
            if let directive = make(keyword, argument: argument) { return directive }
        }
        return nil
    }

    private static func make(_ keyword: String, argument: String) -> BrainDirective? {
        if let shape = LeakedCallShape.allCases.first(where: { $0.keyword == keyword }) {
            return argument.isEmpty ? nil : .textTool(shape, argument)
        }
        if let shape = LeakedPatchShape.allCases.first(where: { $0.keyword == keyword }) {
            return patchArguments(argument).map { .textPatch(shape, path: $0.path, text: $0.text) }
        }
        switch keyword {
        case "SIM_SHELL":
            return argument.isEmpty ? nil : .shell(argument)
        case "SIM_PARALLEL":
            let commands = argument.split(separator: ";;", omittingEmptySubsequences: false)
                .map { DirectiveScanner.trimmed(Substring($0)) }
                .filter { !$0.isEmpty }
            return commands.isEmpty ? nil : .parallel(Array(commands.prefix(maxParallelCalls)))
        case "SIM_PATCH":
            return patchArguments(argument).map { .patch(path: $0.path, text: $0.text) }
        case "SIM_IMAGE":
            return .image
        case "SIM_TOOL_SEARCH":
            return argument.isEmpty ? nil : .toolSearch(argument)
        default:
            return nil
        }
    }

    /// `<path> <text>`: the path up to the first blank, the text after it (may be empty).
    private static func patchArguments(_ argument: String) -> (path: String, text: String)? {
        guard let space = argument.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            return argument.isEmpty ? nil : (argument, "")
        }
        return (String(argument[..<space]), DirectiveScanner.trimmed(argument[space...]))
    }
}
