import Foundation
import ResponsesTranslation
import TestSupport

/// An HTTP/1.1 response as bytes on the wire, parsed just enough to judge it: status, headers, the body
/// (chunked encoding undone) and whether the body was complete — the terminating chunk or the full
/// Content-Length arrived before the connection closed.
struct RawHTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: String
    var isComplete: Bool

    func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    init(bytes: [UInt8]) throws {
        guard let headEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
            throw LoopbackConnection.Failure(description: "no complete response head in \(bytes.count) bytes")
        }
        let headLines = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = headLines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw LoopbackConnection.Failure(description: "bad status line \(headLines[0])")
        }
        self.status = status
        headers = headLines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let rest = Array(bytes[headEnd.upperBound...])
        if headers.contains(where: { $0.name == "transfer-encoding" && $0.value.lowercased() == "chunked" }) {
            (body, isComplete) = Self.dechunk(rest)
        } else if let length = headers.first(where: { $0.name == "content-length" }).flatMap({ Int($0.value) }) {
            body = String(decoding: rest.prefix(length), as: UTF8.self)
            isComplete = rest.count >= length
        } else {
            body = String(decoding: rest, as: UTF8.self)
            isComplete = true
        }
    }

    /// Undoes chunked transfer encoding; complete only when the zero-size last chunk arrived.
    static func dechunk(_ bytes: [UInt8]) -> (String, Bool) {
        var body: [UInt8] = []
        var index = 0
        while let lineEnd = bytes[index...].firstRange(of: Array("\r\n".utf8)) {
            let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
            if size == 0 { return (String(decoding: body, as: UTF8.self), true) }
            let start = lineEnd.upperBound
            let end = min(start + size, bytes.count)
            body.append(contentsOf: bytes[start..<end])
            guard end + 2 <= bytes.count else { break }
            index = end + 2
        }
        return (String(decoding: body, as: UTF8.self), false)
    }

    /// The `data:` payloads of an SSE body, in order, as the production decoder reads them.
    var dataLines: [String] {
        get throws { try ServerSentEventBody.events(body).map(\.data) }
    }

    /// The JSON chunks of an SSE body (not `[DONE]`); a frame that does not parse fails the test.
    var chunks: [JSONValue] {
        get throws { try ServerSentEventBody.payloads(body) }
    }

    /// The JSON chunks of a body with one frame that is not JSON on purpose (a fault under test):
    /// every other frame must parse.
    func chunks(besidesTheFrameAt index: Int) throws -> [JSONValue] {
        try dataLines.enumerated().filter { $0.offset != index && $0.element != "[DONE]" }.map { try JSONValue.parse($0.element) }
    }

    var json: JSONValue? { try? JSONValue.parse(body) }
}
