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
            var error = JSONObject()
            error.appendUnique("code", .string(failure.code.rawValue))
            error.appendUnique("message", .string(failure.message))
            if let hint = failure.hint { error.appendUnique("hint", .string(hint)) }
            object.appendUnique("error", .object(error))
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
        let reply = try PayloadReader(document, context: "reply")
        let version = try reply.int("v")
        guard version == ControlProtocol.version else {
            throw ControlProtocolError(
                code: .unsupportedVersion,
                message: "the daemon speaks control protocol version \(version); this ccmimoctl speaks \(ControlProtocol.version)",
                hint: "use the ccmimoctl that came with this ccmimolinkd")
        }
        let id = try reply.optionalInt("id")
        if try reply.bool("ok") {
            return .success(id: id, result: reply.object["result"] ?? .null)
        }
        let error = try reply.nested("error")
        let codeText = try error.string("code")
        // A code from a newer daemon still reads as a failure; its message says what happened.
        let code = ControlErrorCode(rawValue: codeText) ?? .failed
        return .failure(id: id, ControlFailure(code: code, message: try error.string("message"),
                                               hint: try error.optionalString("hint")))
    }
}
