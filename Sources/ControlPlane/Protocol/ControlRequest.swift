import ResponsesTranslation

/// One request line. `id` is chosen by the client and echoed in the reply.
public struct ControlRequest: Sendable, Equatable {
    public var id: Int
    public var command: ControlCommand

    /// The request as one JSON line, newline included.
    public func encodedLine() -> [UInt8] {
        var object = JSONObject()
        object.appendUnique("v", .int(ControlProtocol.version))
        object.appendUnique("id", .int(id))
        object.appendUnique("command", .string(command.wireName))
        let arguments = command.arguments
        if !arguments.isEmpty { object.appendUnique("args", .object(arguments)) }
        var line = JSONValue.object(object).serializedBytes()
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// Reads one request line (without its newline). The error carries the id whenever it could be read.
    public static func decode(line: [UInt8]) throws(ControlProtocolError) -> ControlRequest {
        let document: JSONValue
        do {
            document = try JSONValue.parse(line, maxDepth: 32)
        } catch {
            throw .malformed("the request is not valid JSON: \(error)")
        }
        guard case .object(let object) = document else {
            throw .malformed("the request must be a JSON object, got \(document.typeName)")
        }
        // The id first, so every later error can name it.
        let id: Int?
        switch object["id"] {
        case nil, .null: id = nil
        case let value?:
            guard let number = value.intValue else { throw .malformed("\"id\" must be an integer, got \(value.typeName)") }
            id = number
        }
        guard let versionValue = object["v"] else {
            throw .malformed("the request has no \"v\" (protocol version); send \"v\":\(ControlProtocol.version)", id: id)
        }
        guard versionValue.intValue == ControlProtocol.version else {
            throw ControlProtocolError(
                code: .unsupportedVersion,
                message: "protocol version \(versionValue.serialized()) is not supported; this daemon speaks version \(ControlProtocol.version)",
                hint: "use the ccmimoctl that came with this ccmimolinkd", id: id)
        }
        guard let id else { throw .malformed("the request has no \"id\"") }
        guard case .string(let name)? = object["command"] else {
            throw .malformed("the request has no \"command\" string", id: id)
        }
        let arguments: JSONObject
        switch object["args"] {
        case nil, .null: arguments = JSONObject()
        case .object(let args)?: arguments = args
        case let other?:
            throw .malformed("\"args\" must be an object, got \(other.typeName)", id: id)
        }
        return ControlRequest(id: id, command: try ControlCommand(wireName: name, arguments: arguments, id: id))
    }
}
