import ResponsesTranslation

/// Why a fault given to the control API could not be read.
struct FaultSpecificationError: Error, Sendable, Equatable {
    var message: String
}

extension SimulatedFault {
    /// Reads one fault of the control API, e.g. `{"kind":"status","status":429,"retry_after":"2"}`.
    init(specification: JSONValue) throws(FaultSpecificationError) {
        guard case .object = specification, let kind = specification["kind"]?.stringValue else {
            throw FaultSpecificationError(message: "each fault must be an object with a string \"kind\"")
        }
        switch kind {
        case "status":
            guard let status = specification["status"]?.intValue, (400...599).contains(status) else {
                throw FaultSpecificationError(message: "a status fault needs \"status\" between 400 and 599")
            }
            let retryAfter: String?
            switch specification["retry_after"] {
            case nil, .null?: retryAfter = nil
            case .string(let text)?: retryAfter = text
            case .number(let literal)?: retryAfter = literal
            default: throw FaultSpecificationError(message: "\"retry_after\" must be a string or a number")
            }
            self = .status(status, retryAfter: retryAfter, body: Self.optionalBody(specification))
        case "quota":
            self = .quotaExhausted
        case "disconnect":
            let name = specification["after"]?.stringValue ?? ""
            guard let point = DisconnectPoint(rawValue: name) else {
                throw FaultSpecificationError(message: "a disconnect fault needs \"after\": headers, reasoning, content, tool_arguments or finish")
            }
            self = .disconnect(after: point)
        case "stall":
            guard let seconds = specification["seconds"]?.doubleValue, seconds >= 0, seconds.isFinite else {
                throw FaultSpecificationError(message: "a stall fault needs \"seconds\" >= 0")
            }
            let name = specification["phase"]?.stringValue ?? StallPhase.beforeHeaders.rawValue
            guard let phase = StallPhase(rawValue: name) else {
                throw FaultSpecificationError(message: "a stall \"phase\" is before_headers or after_headers")
            }
            self = .stall(Self.duration(seconds: seconds), phase: phase)
        case "error_frame":
            let status = specification["status"]?.intValue ?? 200
            guard status == 200 || (400...599).contains(status) else {
                throw FaultSpecificationError(message: "an error_frame \"status\" is 200 or between 400 and 599")
            }
            self = .errorFrame(status: status, body: Self.optionalBody(specification))
        case "garbage_line":
            self = .garbageLine
        case "oversized_line":
            let bytes = specification["bytes"]?.intValue ?? Self.defaultOversizedLineBytes
            // Bounded, so a typo cannot make the simulator allocate gigabytes.
            guard (1...(256 << 20)).contains(bytes) else {
                throw FaultSpecificationError(message: "an oversized_line \"bytes\" is between 1 and 268435456")
            }
            self = .oversizedLine(bytes: bytes)
        default:
            throw FaultSpecificationError(message: "unknown fault kind \"\(kind)\"")
        }
    }

    /// Reads the control API's `{"faults":[…]}` body.
    static func list(specification: JSONValue) throws(FaultSpecificationError) -> [SimulatedFault] {
        guard let items = specification["faults"]?.arrayValue else {
            throw FaultSpecificationError(message: "expected {\"faults\":[…]}")
        }
        var faults: [SimulatedFault] = []
        for item in items { faults.append(try SimulatedFault(specification: item)) }
        return faults
    }

    /// Seconds as a Duration, to the millisecond; absurd values are left to `maxStall` to bound.
    static func duration(seconds: Double) -> Duration {
        .milliseconds(Int64(min(seconds, 1.0e9) * 1000))
    }

    private static func optionalBody(_ specification: JSONValue) -> JSONValue? {
        guard let body = specification["body"], !body.isNull else { return nil }
        return body
    }
}
