import ResponsesTranslation

/// One reply line. `id` is the request's, or nil when the request had none or could not be read.
public enum ControlReply: Sendable, Equatable {
    case success(id: Int?, result: JSONValue)
    case failure(id: Int?, ControlFailure)

    public var id: Int? {
        switch self {
        case .success(let id, _), .failure(let id, _): id
        }
    }

    /// The reply as one JSON line, newline included.
    public func encodedLine() -> [UInt8] {
        var object = JSONObject()
        object.appendUnique("v", .int(ControlProtocol.version))
        object.appendUnique("id", id.map(JSONValue.int) ?? .null)
        switch self {
        case .success(_, let result):
            object.appendUnique("ok", true)
            object.appendUnique("result", result)
        case .failure(_, let failure):
            object.appendUnique("ok", false)
            object.appendUnique("error", failure.json)
        }
        var line = JSONValue.object(object).serializedBytes()
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Reads one reply line (without its newline).
    public static func decode(line: [UInt8]) throws(ControlProtocolError) -> ControlReply {
        let document: JSONValue
        do {
            document = try JSONValue.parse(line)
        } catch {
            throw ControlProtocolError(code: .malformedRequest, message: "the daemon's reply is not valid JSON: \(error)")
        }
        let envelope: Envelope
        do throws(JSONValueDecodingError) {
            envelope = try ControlProtocol.resultDecoder.decode(Envelope.self, from: document)
        } catch {
            throw .unreadableReply(error, root: "reply")
        }
        guard envelope.v == ControlProtocol.version else {
            throw ControlProtocolError(
                code: .unsupportedVersion,
                message: "the daemon speaks control protocol version \(envelope.v); this ccmimoctl speaks \(ControlProtocol.version)",
                hint: "use the ccmimoctl that came with this ccmimolinkd")
        }
        if envelope.ok { return .success(id: envelope.id, result: document["result"] ?? .null) }
        guard let error = envelope.error else {
            throw .unreadableReply(JSONValueDecodingError(path: [.key("error")], problem: .missing), root: "reply")
        }
        // A code from a newer daemon still reads as a failure; its message says what happened.
        return .failure(id: envelope.id, ControlFailure(code: ControlErrorCode(rawValue: error.code) ?? .failed,
                                                        message: error.message, hint: error.hint))
    }

    /// A reply line's fields, but for `result`: that is kept as JSON, to be read as its call's type.
    private struct Envelope: Decodable {
        struct Failure: Decodable {
            var code: String
            var message: String
            var hint: String?
        }

        var v: Int
        var id: Int?
        var ok: Bool
        var error: Failure?
    }
}
