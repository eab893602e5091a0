import ResponsesTranslation

/// The part of a MiMo chat request that a prompt cache can serve again: each tool definition, then each
/// message, serialized one after the other (a line each, without the arrays' brackets, which are no part
/// of what the model reads). Tools come first because chat templates render them into the system part
/// of the prompt, ahead of the conversation, so a changed tool list costs everything after it.
/// Sampling fields, `model` and `stream` are not part of the prompt.
public struct CachePrompt: Sendable, Equatable {
    public var model: String
    public var bytes: [UInt8]

    public init(upstreamBody body: JSONValue) {
        model = body["model"]?.stringValue ?? ""
        var out: [UInt8] = []
        for element in (body["tools"]?.arrayValue ?? []) + (body["messages"]?.arrayValue ?? []) {
            element.write(into: &out)
            out.append(UInt8(ascii: "\n"))
        }
        bytes = out
    }

    /// How many leading bytes two prompts share.
    public static func commonPrefixLength(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let count = min(a.count, b.count)
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0
                while i < count, a[i] == b[i] { i += 1 }
                return i
            }
        }
    }

    /// Tokens for a byte count, at the simulator's rule of thumb of four bytes a token (MiMo's tokenizer
    /// is not public; only the shares matter here).
    public static func estimatedTokens(bytes: Int) -> Int { (bytes + 3) / 4 }
}
