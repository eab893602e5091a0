/// Parses one complete text-form tool-call envelope into calls. It is deliberately all-or-nothing:
/// if any part is unclear (unknown tool, junk between calls, an unclosed parameter, an ambiguous
/// parameter name) it returns nil and the caller shows the text unchanged, because a wrong call does
/// more harm than visible markup.
///
/// Accepted inside `<tool_call>`, `<toolcall>` and `<[PREFIX:]function_calls>`, separated only by
/// whitespace:
/// - `<function=NAME>` (or `<function name="NAME">`) followed by parameters or a JSON object, with an
///   optional `</function>`;
/// - `<[PREFIX:]invoke name="NAME">` followed by parameters or a JSON object, with an optional `</invoke>`;
/// - a JSON object `{"name": …, "arguments"|"parameters": {…} or "…json…"}`, or an array of them;
/// - `<NAME>{json}</NAME>` where NAME is an offered tool.
///
/// A bare `<function=NAME>` or `<invoke name="NAME">` call (its wrapper's opener missing) holds exactly
/// one call; closing tags left over from the wrapper may follow it. Parameters are
/// `<[PREFIX:]parameter=KEY>VALUE</parameter>` or `<[PREFIX:]parameter name="KEY">VALUE</parameter>`.
///
/// A freeform tool (Codex's `apply_patch`, `exec`) takes one string, `input`. MiMo v2.6 sometimes writes
/// that string right after `<function=NAME>`, with no parameter tag but the parameter's closer
/// (`<function=exec>BODY</parameter></function>`, opencodex#5499); that BODY is the input. A bare V4A
/// patch is a call to `apply_patch` with the patch as its input.
struct TextToolCallParser: Sendable {
    private let tools: [String: JSONValue]
    /// Offered tools that take one raw string, `input`.
    private let freeformTools: Set<String>
    /// Whether a bare V4A patch can be a call: `apply_patch` was offered as a freeform tool. Stored,
    /// because the scanner asks for every content delta.
    let recognisesPatches: Bool
    /// Lowercased name → offered name, for models that change a tool name's case; ambiguous names are left out.
    private let offeredNamesByLowercase: [String: String]

    init(tools: [String: JSONValue], freeformTools: Set<String> = []) {
        self.tools = tools
        self.freeformTools = freeformTools.filter { tools[$0] != nil }
        recognisesPatches = self.freeformTools.contains(ApplyPatchBody.toolName)
        var byLowercase: [String: String] = [:]
        var ambiguous: Set<String> = []
        for name in tools.keys {
            let lower = name.lowercased()
            if byLowercase[lower] != nil { ambiguous.insert(lower) } else { byLowercase[lower] = name }
        }
        for lower in ambiguous { byLowercase[lower] = nil }
        offeredNamesByLowercase = byLowercase
    }

    var isEmpty: Bool { tools.isEmpty }

    func isFreeform(_ name: String) -> Bool { freeformTools.contains(name) }

    /// The offered tool `raw` refers to (surrounding whitespace and quotes ignored, case-insensitive as
    /// a fallback), or nil if the model named something that was not offered.
    func offeredToolName(_ raw: String) -> String? {
        let name = Self.unquoted(Self.trimmed(raw))
        if tools[name] != nil { return name }
        return offeredNamesByLowercase[name.lowercased()]
    }

    func parse(_ envelope: String) -> [TextToolCall]? { parse(Array(envelope.utf8)) }

    /// Parses `bytes` as the scanner would at the end of the content: they start with an envelope's
    /// opening, which ends where `EnvelopeEndFinder` says; only whitespace and leftover closing tags may
    /// follow it.
    func parse(_ bytes: [UInt8]) -> [TextToolCall]? {
        guard !bytes.isEmpty else { return nil }
        var finder: EnvelopeEndFinder
        if bytes[0] == UInt8(ascii: "*") {
            guard recognisesPatches,
                  case .complete(let lineEnd) = ApplyPatchBody.matchLine(ApplyPatchBody.beginLine, in: bytes, at: 0, end: bytes.count, contentEnds: true)
            else { return nil }
            finder = EnvelopeEndFinder(kind: .patch, openEnd: lineEnd)
        } else {
            guard case .complete(let kind, let openEnd) = ToolCallEnvelopeTags.matchOpening(bytes, at: 0, end: bytes.count)
            else { return nil }
            var rawBody = false
            if kind.isBare {
                guard let name = calledTool(bytes, from: 0, to: openEnd) else { return nil }
                rawBody = isFreeform(name)
            }
            finder = EnvelopeEndFinder(kind: kind, openEnd: openEnd, acceptsRawBody: rawBody)
        }
        guard case .ended(let bodyEnd, let end) = finder.advance(in: bytes, end: bytes.count, contentEnds: true, parser: self),
              skipWhitespaceAndClosingTags(bytes, from: end, end: bytes.count) == bytes.count
        else { return nil }
        return parse(Array(bytes[..<end]), kind: finder.kind, openEnd: finder.openEnd, bodyEnd: bodyEnd)
    }

    /// Parses one envelope whose extent `EnvelopeEndFinder` found: `bytes` is the whole envelope, its
    /// opening ends at `openEnd` and its calls at `bodyEnd`.
    func parse(_ bytes: [UInt8], kind: ToolCallEnvelopeKind, openEnd: Int, bodyEnd: Int) -> [TextToolCall]? {
        let reader = Reader(bytes: bytes, end: bodyEnd)
        switch kind {
        case .patch:
            guard recognisesPatches, ApplyPatchBody.isComplete(bytes[..<bodyEnd]) else { return nil }
            let input = String(decoding: bytes[..<bodyEnd], as: UTF8.self)
            return [TextToolCall(name: ApplyPatchBody.toolName, arguments: ["input": .string(input)])]
        case .function, .invoke:
            guard let (call, next) = parseItem(reader, at: 0), call.count == 1,
                  skipWhitespaceAndClosingTags(bytes, from: next, end: bodyEnd) == bodyEnd
            else { return nil }
            return call
        case .toolCall, .compactToolCall, .functionCalls:
            var calls: [TextToolCall] = []
            var position = openEnd
            while true {
                position = skipWhitespace(bytes, from: position, end: bodyEnd)
                if position == bodyEnd { break }
                guard let (parsed, next) = parseItem(reader, at: position) else { return nil }
                calls.append(contentsOf: parsed)
                position = next
            }
            return calls.isEmpty ? nil : calls
        }
    }

    /// The offered tool a complete call tag (`<function=NAME>`, `<invoke name="NAME">`) at
    /// `start..<tagEnd` names, or nil. The scanner uses it to release prose such as `<invoke name="foo">`
    /// at once instead of holding it to the end.
    func calledTool(_ bytes: [UInt8], from start: Int, to tagEnd: Int) -> String? {
        let tag = Array(bytes[start..<tagEnd])
        let word = tagWord(tag, at: 0, end: tag.count)
        let rawName: String?
        switch word.localName {
        case "invoke": rawName = attributes(tag, from: word.end, to: tag.count - 1)?["name"]
        case "function": rawName = functionTagName(tag, word: word, tagEnd: tag.count - 1)
        default: rawName = nil
        }
        return rawName.flatMap(offeredToolName)
    }

    // MARK: - Items

    private struct Reader {
        let bytes: [UInt8]
        /// The end of the envelope body; nothing at or after it belongs to any call.
        let end: Int
    }

    private func parseItem(_ reader: Reader, at position: Int) -> ([TextToolCall], Int)? {
        let bytes = reader.bytes
        switch bytes[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return parseJSONItem(reader, at: position)
        case UInt8(ascii: "<"):
            let word = tagWord(bytes, at: position, end: reader.end)
            switch word.localName {
            case "function":
                return parseFunctionBlock(reader, at: position, word: word).map { ([$0.0], $0.1) }
            case "invoke":
                return parseInvokeItem(reader, at: position, word: word).map { ([$0.0], $0.1) }
            default:
                return parseNamedItem(reader, at: position).map { ([$0.0], $0.1) }
            }
        default:
            return nil
        }
    }

    /// `<function=NAME>` or `<function name="NAME">`, arguments, optional `</function>`. A freeform
    /// tool's raw input may stand in for the arguments (see `rawInput`).
    private func parseFunctionBlock(_ reader: Reader, at position: Int, word: TagWord) -> (TextToolCall, Int)? {
        let bytes = reader.bytes
        guard let tagEnd = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: word.end, end: reader.end),
              let rawName = functionTagName(bytes, word: word, tagEnd: tagEnd), let name = offeredToolName(rawName)
        else { return nil }
        if isFreeform(name), !startsArguments(reader, at: tagEnd + 1) {
            guard let input = rawInput(reader, from: tagEnd + 1, tool: name) else { return nil }
            return (TextToolCall(name: name, arguments: ["input": .string(input)]), reader.end)
        }
        guard let (arguments, next) = parseArguments(reader, from: tagEnd + 1, tool: name) else { return nil }
        return (TextToolCall(name: name, arguments: .object(arguments)), consumeClosing(.function, reader, from: next))
    }

    /// NAME of `<function=NAME>` or `<function name="NAME">`, whose `>` is at `tagEnd`.
    private func functionTagName(_ bytes: [UInt8], word: TagWord, tagEnd: Int) -> String? {
        let afterWord = skipWhitespace(bytes, from: word.end, end: tagEnd)
        if afterWord < tagEnd, bytes[afterWord] == UInt8(ascii: "=") {
            return String(decoding: bytes[(afterWord + 1)..<tagEnd], as: UTF8.self)
        }
        if word.end == tagEnd || ToolCallEnvelopeTags.isWhitespace(bytes[word.end]) {
            return attributes(bytes, from: word.end, to: tagEnd)?["name"]
        }
        return nil
    }

    /// Whether structured arguments (a parameter tag, or a JSON object) start at `position`.
    private func startsArguments(_ reader: Reader, at position: Int) -> Bool {
        let bytes = reader.bytes
        let start = skipWhitespace(bytes, from: position, end: reader.end)
        guard start < reader.end else { return false }
        switch bytes[start] {
        case UInt8(ascii: "<"):
            return tagWord(bytes, at: start, end: reader.end).localName == "parameter"
        case UInt8(ascii: "{"):
            guard let end = jsonExtent(bytes, from: start, end: reader.end),
                  case .object? = try? JSONValue.parse(Array(bytes[start..<end]))
            else { return false }
            return true
        default:
            return false
        }
    }

    /// A freeform tool's input written straight after `<function=NAME>`, as MiMo v2.6 does when it
    /// takes the input for the parameter's value (opencodex#5499): BODY `</parameter>`, then optionally
    /// `</function>` and the wrapper's closer, up to the end of the body. The `</parameter>` is required:
    /// without it nothing shows where the input ends, and a body cut short must not run. An
    /// `apply_patch` input must moreover be a whole patch.
    private func rawInput(_ reader: Reader, from position: Int, tool: String) -> String? {
        let bytes = reader.bytes
        var end = reader.end
        while true {
            guard let (tagStart, name) = closingTag(endingAt: end, in: bytes, after: position) else { return nil }
            end = tagStart
            if name == .parameter { break }
        }
        let input = Self.strippingFormattingNewlines(bytes[position..<end])
        guard input.utf8.contains(where: { !ToolCallEnvelopeTags.isWhitespace($0) }) else { return nil }
        if tool == ApplyPatchBody.toolName, !ApplyPatchBody.isComplete(ArraySlice(input.utf8)) { return nil }
        return input
    }

    private static let rawInputClosers: [EnvelopeTagName] = [.parameter, .function, .toolCall]

    /// The closing tag (`</parameter>`, `</function>` or `</tool_call>`) that ends at `end` once trailing
    /// whitespace is skipped, and where it starts; never before `lowerBound`.
    private func closingTag(endingAt end: Int, in bytes: [UInt8], after lowerBound: Int) -> (Int, EnvelopeTagName)? {
        var tagEnd = end
        while tagEnd > lowerBound, ToolCallEnvelopeTags.isWhitespace(bytes[tagEnd - 1]) { tagEnd -= 1 }
        guard tagEnd > lowerBound, bytes[tagEnd - 1] == UInt8(ascii: ">") else { return nil }
        var lt = tagEnd - 1
        while lt > lowerBound, bytes[lt] != UInt8(ascii: "<"), tagEnd - lt < ToolCallEnvelopeTags.maxTagLength { lt -= 1 }
        guard bytes[lt] == UInt8(ascii: "<"),
              case .complete(let index, let matchedEnd) = ToolCallEnvelopeTags.matchTag(
                  bytes, at: lt, end: tagEnd, closing: true, names: Self.rawInputClosers),
              matchedEnd == tagEnd
        else { return nil }
        return (lt, Self.rawInputClosers[index])
    }

    /// `<[PREFIX:]invoke name="NAME">`, arguments, optional `</invoke>`.
    private func parseInvokeItem(_ reader: Reader, at position: Int, word: TagWord) -> (TextToolCall, Int)? {
        let bytes = reader.bytes
        guard word.end < reader.end,
              bytes[word.end] == UInt8(ascii: ">") || ToolCallEnvelopeTags.isWhitespace(bytes[word.end]),
              let tagEnd = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: word.end, end: reader.end),
              let rawName = attributes(bytes, from: word.end, to: tagEnd)?["name"],
              let name = offeredToolName(rawName),
              let (arguments, next) = parseArguments(reader, from: tagEnd + 1, tool: name)
        else { return nil }
        return (TextToolCall(name: name, arguments: .object(arguments)), consumeClosing(.invoke, reader, from: next))
    }

    /// `<NAME>{json}</NAME>` (the `<toolcall>` syntax). The closing tag may be missing at the body's end.
    private func parseNamedItem(_ reader: Reader, at position: Int) -> (TextToolCall, Int)? {
        let bytes = reader.bytes
        guard let tagEnd = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: position + 1, end: reader.end)
        else { return nil }
        let rawName = bytes[(position + 1)..<tagEnd]
        guard !rawName.isEmpty, !rawName.contains(where: ToolCallEnvelopeTags.isWhitespace),
              let name = offeredToolName(String(decoding: rawName, as: UTF8.self))
        else { return nil }
        var regionEnd = reader.end
        var next = reader.end
        if case .found(let closeStart, let closeEnd) = ToolCallEnvelopeTags.findClosing(
            EnvelopeTagName(bytes: rawName.map(ToolCallEnvelopeTags.asciiLowercased), takesEquals: false),
            in: bytes, from: tagEnd + 1, end: reader.end)
        {
            regionEnd = closeStart
            next = closeEnd
        }
        let inner = Reader(bytes: bytes, end: regionEnd)
        guard let (arguments, argumentsEnd) = parseArguments(inner, from: tagEnd + 1, tool: name),
              skipWhitespace(bytes, from: argumentsEnd, end: regionEnd) == regionEnd
        else { return nil }
        return (TextToolCall(name: name, arguments: .object(arguments)), next)
    }

    /// A JSON object naming the tool, or an array of them.
    private func parseJSONItem(_ reader: Reader, at position: Int) -> ([TextToolCall], Int)? {
        guard let end = jsonExtent(reader.bytes, from: position, end: reader.end),
              let value = try? JSONValue.parse(Array(reader.bytes[position..<end]))
        else { return nil }
        switch value {
        case .object(let object):
            return jsonCall(object).map { ([$0], end) }
        case .array(let items) where !items.isEmpty:
            var calls: [TextToolCall] = []
            for item in items {
                guard let object = item.objectValue, let call = jsonCall(object) else { return nil }
                calls.append(call)
            }
            return (calls, end)
        default:
            return nil
        }
    }

    private func jsonCall(_ object: JSONObject) -> TextToolCall? {
        var object = object
        if object["name"] == nil, let function = object["function"]?.objectValue { object = function }
        guard let rawName = object["name"]?.stringValue, let name = offeredToolName(rawName) else { return nil }
        let arguments: JSONObject
        switch object["arguments"] ?? object["parameters"] ?? object["input"] {
        case nil, .null?:
            arguments = JSONObject()
        case .object(let given)?:
            arguments = given
        case .string(let text)?:
            if Self.trimmed(text).isEmpty {
                arguments = JSONObject()
            } else {
                guard case .object(let given)? = try? JSONValue.parse(text) else { return nil }
                arguments = given
            }
        default:
            return nil
        }
        return TextToolCall(name: name, arguments: .object(coerced(arguments, tool: name)))
    }

    // MARK: - Arguments

    /// Either one JSON object or a run of parameters, starting at `position` (leading whitespace allowed).
    /// Returns the arguments and the index just past the last one consumed.
    private func parseArguments(_ reader: Reader, from position: Int, tool: String) -> (JSONObject, Int)? {
        let bytes = reader.bytes
        let start = skipWhitespace(bytes, from: position, end: reader.end)
        if start < reader.end, bytes[start] == UInt8(ascii: "{") {
            guard let end = jsonExtent(bytes, from: start, end: reader.end),
                  case .object(let object)? = try? JSONValue.parse(Array(bytes[start..<end]))
            else { return nil }
            return (coerced(object, tool: tool), end)
        }

        let schema = tools[tool]
        var arguments = JSONObject()
        var next = position
        while true {
            let tagStart = skipWhitespace(bytes, from: next, end: reader.end)
            guard tagStart < reader.end, bytes[tagStart] == UInt8(ascii: "<") else { break }
            let word = tagWord(bytes, at: tagStart, end: reader.end)
            guard word.localName == "parameter" else { break }
            guard let (key, valueStart) = parameterTag(bytes, word: word, end: reader.end),
                  case .found(let valueEnd, let closeEnd) = ToolCallEnvelopeTags.findClosing(
                      .parameter, in: bytes, from: valueStart, end: reader.end),
                  arguments[key] == nil
            else { return nil }
            let text = Self.strippingFormattingNewlines(bytes[valueStart..<valueEnd])
            let property = SchemaValueCoercion.propertySchema(key, in: schema)
            arguments.appendUnique(key, SchemaValueCoercion.coerce(text: text, schema: property))
            next = closeEnd
        }
        return (arguments, next)
    }

    /// `<parameter=KEY>` or `<parameter name="KEY">`: the key and the index where the value starts.
    private func parameterTag(_ bytes: [UInt8], word: TagWord, end: Int) -> (String, Int)? {
        guard let tagEnd = ToolCallEnvelopeTags.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: word.end, end: end)
        else { return nil }
        let afterWord = skipWhitespace(bytes, from: word.end, end: tagEnd)
        let rawKey: String?
        if afterWord < tagEnd, bytes[afterWord] == UInt8(ascii: "=") {
            rawKey = String(decoding: bytes[(afterWord + 1)..<tagEnd], as: UTF8.self)
        } else if word.end == tagEnd || ToolCallEnvelopeTags.isWhitespace(bytes[word.end]) {
            rawKey = attributes(bytes, from: word.end, to: tagEnd)?["name"]
        } else {
            rawKey = nil
        }
        guard let rawKey, let key = Self.parameterKey(rawKey) else { return nil }
        return (key, tagEnd + 1)
    }

    /// A parameter name as the model meant it. MiMo sometimes writes names like `["path"]`
    /// (cc-switch#3561): a JSON array holding exactly one string means that string; anything else
    /// that is not a plain name is ambiguous.
    static func parameterKey(_ raw: String) -> String? {
        var key = unquoted(trimmed(raw))
        if key.hasPrefix("[") {
            guard case .array(let items)? = try? JSONValue.parse(key), items.count == 1,
                  let only = items[0].stringValue
            else { return nil }
            key = trimmed(only)
        }
        guard !key.isEmpty, !key.utf8.contains(where: { b in
            ToolCallEnvelopeTags.isWhitespace(b) || Self.keyForbidden.contains(b)
        }) else { return nil }
        return key
    }

    private static let keyForbidden: Set<UInt8> = Set("<>\"'=[]{},/\\`".utf8)

    /// Values keep their whitespace, except the framing newlines of the v2.5 template, which writes
    /// `<parameter=K>\nVALUE\n</parameter>`: when a value both starts and ends with a line break, one of
    /// each is formatting and is removed. The v2.6 template is compact (`<parameter=K>VALUE</parameter>`),
    /// so a line break on one side only belongs to the value, e.g. a file's final newline (vLLM #58019).
    static func strippingFormattingNewlines(_ bytes: ArraySlice<UInt8>) -> String {
        let leading = bytes.first == 0x0A ? 1 : bytes.starts(with: [0x0D, 0x0A]) ? 2 : 0
        let trailing = bytes.last == 0x0A ? (bytes.dropLast().last == 0x0D ? 2 : 1) : 0
        guard leading > 0, trailing > 0, bytes.count >= leading + trailing else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: bytes.dropFirst(leading).dropLast(trailing), as: UTF8.self)
    }

    private func coerced(_ arguments: JSONObject, tool: String) -> JSONObject {
        let schema = tools[tool]
        var result = JSONObject()
        for member in arguments {
            let property = SchemaValueCoercion.propertySchema(member.key, in: schema)
            result.appendUnique(member.key, SchemaValueCoercion.coerce(value: member.value, schema: property))
        }
        return result
    }

    // MARK: - Lexing

    /// The word after `<`: `[PREFIX:]NAME`, with NAME lowercased for comparison.
    private struct TagWord {
        var localName: String
        /// Index just past the word.
        var end: Int
    }

    private func tagWord(_ bytes: [UInt8], at position: Int, end: Int) -> TagWord {
        var i = position + 1
        var localStart = i
        while i < end, ToolCallEnvelopeTags.isPrefixBody(bytes[i]) || bytes[i] == UInt8(ascii: ":") {
            if bytes[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
        let local = bytes[localStart..<i].map(ToolCallEnvelopeTags.asciiLowercased)
        return TagWord(localName: String(decoding: local, as: UTF8.self), end: i)
    }

    /// Skips an optional `</[PREFIX:]NAME>` after whitespace; returns where parsing continues.
    private func consumeClosing(_ name: EnvelopeTagName, _ reader: Reader, from position: Int) -> Int {
        let start = skipWhitespace(reader.bytes, from: position, end: reader.end)
        guard start < reader.end, reader.bytes[start] == UInt8(ascii: "<"),
              case .complete(_, let end) = ToolCallEnvelopeTags.matchTag(
                  reader.bytes, at: start, end: reader.end, closing: true, names: [name])
        else { return position }
        return end
    }

    /// Skips whitespace and closing tags of the envelope vocabulary: what a bare call or a whole
    /// envelope may leave behind (`<function=…>…</function></tool_call>`).
    func skipWhitespaceAndClosingTags(_ bytes: [UInt8], from position: Int, end: Int) -> Int {
        var i = position
        while true {
            i = skipWhitespace(bytes, from: i, end: end)
            guard i < end, bytes[i] == UInt8(ascii: "<"),
                  case .complete(_, let tagEnd) = ToolCallEnvelopeTags.matchTag(
                      bytes, at: i, end: end, closing: true, names: EnvelopeTagName.closingVocabulary)
            else { return i }
            i = tagEnd
        }
    }

    /// Attributes between a tag's name and its `>` (`from..<to`): `name="a"`, `name='a'` or `name=a`.
    /// Names are lowercased. Nil for anything that is not a clean attribute list.
    private func attributes(_ bytes: [UInt8], from start: Int, to end: Int) -> [String: String]? {
        var result: [String: String] = [:]
        var i = start
        while true {
            i = skipWhitespace(bytes, from: i, end: end)
            if i == end { return result }
            if bytes[i] == UInt8(ascii: "/"), skipWhitespace(bytes, from: i + 1, end: end) == end { return result }
            let nameStart = i
            while i < end, !ToolCallEnvelopeTags.isWhitespace(bytes[i]), bytes[i] != UInt8(ascii: "="),
                  bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'")
            {
                i += 1
            }
            guard i > nameStart else { return nil }
            let name = String(decoding: bytes[nameStart..<i].map(ToolCallEnvelopeTags.asciiLowercased), as: UTF8.self)
            i = skipWhitespace(bytes, from: i, end: end)
            guard i < end, bytes[i] == UInt8(ascii: "=") else {
                result[name] = ""
                continue
            }
            i = skipWhitespace(bytes, from: i + 1, end: end)
            guard i < end else { return nil }
            let quote = bytes[i]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = ToolCallEnvelopeTags.firstIndex(of: quote, in: bytes, from: i + 1, end: end)
                else { return nil }
                result[name] = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                i = close + 1
            } else {
                let valueStart = i
                while i < end, !ToolCallEnvelopeTags.isWhitespace(bytes[i]) { i += 1 }
                result[name] = String(decoding: bytes[valueStart..<i], as: UTF8.self)
            }
        }
    }

    /// The end of the JSON value starting at `position` (`{` or `[`), by bracket counting that skips
    /// strings; nil when it does not close before `end`.
    private func jsonExtent(_ bytes: [UInt8], from position: Int, end: Int) -> Int? {
        var depth = 0
        var inString = false
        var i = position
        while i < end {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
            }
            i += 1
        }
        return nil
    }

    private func skipWhitespace(_ bytes: [UInt8], from position: Int, end: Int) -> Int {
        ToolCallEnvelopeTags.skipWhitespace(bytes, from: position, end: end)
    }

    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !ToolCallEnvelopeTags.isWhitespace($0) }),
              let last = bytes.lastIndex(where: { !ToolCallEnvelopeTags.isWhitespace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    static func unquoted(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, let first = bytes.first, first == bytes.last,
              first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
        else { return text }
        return String(decoding: bytes[1..<(bytes.count - 1)], as: UTF8.self)
    }
}
