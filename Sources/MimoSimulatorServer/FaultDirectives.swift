/// `SIM_FAULT_…` tokens in the last user message: the same faults as the control API, for the requests
/// that answer that message (Codex resends it on every retry, so a fault repeats unless marked `_ONCE`).
///
/// Vocabulary (`<S>` seconds, decimals allowed; `<NNN>` a status 400–599):
/// `SIM_FAULT_<NNN>`, `SIM_FAULT_<NNN>_RETRY_AFTER_<S>`, `SIM_FAULT_QUOTA`,
/// `SIM_FAULT_DISCONNECT_AFTER_{HEADERS|REASONING|CONTENT|TOOL_ARGUMENTS|FINISH}`,
/// `SIM_FAULT_STALL_<S>` (before headers), `SIM_FAULT_STALL_{BEFORE|AFTER}_HEADERS_<S>`,
/// `SIM_FAULT_ERROR_FRAME`, `SIM_FAULT_ERROR_FRAME_<NNN>`, `SIM_FAULT_GARBAGE_LINE`, `SIM_FAULT_OVERSIZED_LINE`.
/// Any of them with the suffix `_ONCE` fires only the first time the simulator sees that user text.
enum FaultDirectives {
    struct Directive: Sendable, Equatable {
        var token: String
        var fault: SimulatedFault
        var once: Bool
    }

    static let prefix = "SIM_FAULT_"

    /// The well-formed fault tokens in `text`, in order; unknown tokens are ignored.
    static func parse(_ text: String) -> [Directive] {
        DirectiveScanner.tokens(startingWith: prefix, in: text).compactMap { token in
            var name = Substring(token.dropFirst(prefix.count))
            let once = name.hasSuffix("_ONCE")
            if once { name = name.dropLast("_ONCE".count) }
            return fault(named: name).map { Directive(token: token, fault: $0, once: once) }
        }
    }

    static func fault(named name: Substring) -> SimulatedFault? {
        switch name {
        case "QUOTA": return .quotaExhausted
        case "GARBAGE_LINE": return .garbageLine
        case "OVERSIZED_LINE": return .oversizedLine()
        case "ERROR_FRAME": return .errorFrame(status: 200)
        default: break
        }
        for point in DisconnectPoint.allCases where name == "DISCONNECT_AFTER_" + point.rawValue.uppercased() {
            return .disconnect(after: point)
        }
        if let rest = name.dropPrefix("ERROR_FRAME_") {
            return errorStatus(rest).map { .errorFrame(status: $0) }
        }
        if let rest = name.dropPrefix("STALL_BEFORE_HEADERS_") {
            return seconds(rest).map { .stall($0, phase: .beforeHeaders) }
        }
        if let rest = name.dropPrefix("STALL_AFTER_HEADERS_") {
            return seconds(rest).map { .stall($0, phase: .afterHeaders) }
        }
        if let rest = name.dropPrefix("STALL_") {
            return seconds(rest).map { .stall($0, phase: .beforeHeaders) }
        }
        if let marker = name.firstRange(of: "_RETRY_AFTER_") {
            guard let status = errorStatus(name[..<marker.lowerBound]), seconds(name[marker.upperBound...]) != nil else { return nil }
            return .status(status, retryAfter: String(name[marker.upperBound...]))
        }
        return errorStatus(name).map { .status($0) }
    }

    private static func errorStatus(_ text: Substring) -> Int? {
        guard text.count == 3, let status = Int(text), (400...599).contains(status) else { return nil }
        return status
    }

    private static func seconds(_ text: Substring) -> Duration? {
        guard let value = Double(text), value >= 0, value.isFinite else { return nil }
        return SimulatedFault.duration(seconds: value)
    }
}

extension Substring {
    /// The rest after `prefix`, or nil when the text does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
