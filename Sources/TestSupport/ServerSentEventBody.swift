import MimoUpstream
import ResponsesTranslation

/// An SSE body as a test reads it: decoded by the production `ServerSentEventDecoder`, so a frame
/// that does not parse fails the test instead of being dropped.
public enum ServerSentEventBody {
    public struct PayloadIsNotJSON: Error, CustomStringConvertible {
        public let index: Int
        public let data: String
        public let reason: String
        public var description: String { "SSE event \(index)'s data is not JSON (\(reason)): \(data.prefix(300))" }
    }

    /// Every event of `text`, including a last one without its closing blank line.
    public static func events(_ text: String) throws -> [ServerSentEvent] {
        var decoder = ServerSentEventDecoder()
        return try decoder.receive(text.utf8) + decoder.finish()
    }

    /// The JSON payload of every event but `[DONE]`; throws on the first payload that is not JSON.
    public static func payloads(_ text: String) throws -> [JSONValue] {
        try events(text).enumerated().filter { !$0.element.isDone }.map { index, event in
            do {
                return try JSONValue.parse(event.data)
            } catch {
                throw PayloadIsNotJSON(index: index, data: event.data, reason: String(describing: error))
            }
        }
    }
}
