// TEMPORARY pass-through until the real scanner lands from the textcalls branch.
public struct TextToolCall: Sendable, Equatable {
    public var name: String
    public var arguments: JSONValue
}
public enum TextSegment: Sendable, Equatable {
    case text(String)
    case call(TextToolCall)
}
public struct TextToolCallScanner: Sendable {
    public init(tools: [String: JSONValue]) {}
    public mutating func receive(_ text: String) -> [TextSegment] { text.isEmpty ? [] : [.text(text)] }
    public mutating func finish() -> [TextSegment] { [] }
    public var isHolding: Bool { false }
}
