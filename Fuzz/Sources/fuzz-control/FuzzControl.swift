import ControlPlane
import FuzzSupport
import ResponsesTranslation

/// The daemon's side of the control socket without the socket: bytes cut anywhere →
/// `ControlLineFramer` → `ControlSession.step` (which runs `ControlRequest.decode`) → the reply line.
/// Each line is also read as ccmimoctl reads a reply: `ControlReply.decode`, then its result as every
/// call's result type (the JSONValue coder).
///
/// Input: a flags byte (line limit), a split byte (how the bytes are cut into reads; 0 = one read),
/// then what a client wrote.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzControl(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(fuzzBytes(data, size))
    let flags = input.byte()
    let split = input.byte()
    let stream = Array(input.remaining)
    let limit = lineLimits[Int(flags & 0b11)]

    let whole = frame(stream, [0..<stream.count], limit: limit)
    // Documented: the events do not depend on how the input was split into chunks.
    require(frame(stream, pieces(count: stream.count, seed: UInt64(split), maxPiece: 1 + Int(split % 32)), limit: limit) == whole,
            "framing depends on the split")
    require(whole == expectedEvents(stream, limit: limit), "framing differs from splitting at newlines")

    for event in whole {
        if case .line(let line) = event { readAsReply(line) }
        switch ControlSession.step(for: event) {
        case .ignore:
            require(event != .tooLong, "a too-long line was ignored instead of answered")
        case .run(let request):
            // What the daemon accepted, re-encoded as ccmimoctl would send it, reads back the same.
            let line = request.encodedLine()
            require(isOneLine(line), "a request does not encode to one line")
            require((try? ControlRequest.decode(line: Array(line.dropLast()))) == request, "a request does not round-trip")
        case .reply(let reply):
            // Every bad line gets an answer that ccmimoctl can read.
            let line = reply.encodedLine()
            require(isOneLine(line), "an error reply is not one line")
            require((try? ControlReply.decode(line: Array(line.dropLast()))) == reply, "an error reply does not read back")
        }
    }
    return 0
}

/// Whatever reads as a result must be written, and what is written must read back and be written the
/// same again. (Not equal to what was read: a model's usage counts drop a total's fields, for one.)
func readAsReply(_ line: [UInt8]) {
    guard case .success(_, let result)? = try? ControlReply.decode(line: line) else { return }
    readsBack(result, as: StatusCall())
    readsBack(result, as: HealthCall())
    readsBack(result, as: SyncCall())
    readsBack(result, as: ModelCall())
    readsBack(result, as: ModelsCall())
    readsBack(result, as: DrainCall())
    readsBack(result, as: StoreCall())
    readsBack(result, as: ReloadCall())
    readsBack(result, as: UsageCall())
}

func readsBack<Call: ControlCall>(_ result: JSONValue, as call: Call) {
    guard case .answered(let value, _)? = try? ControlOutcome(.success(id: 1, result: result), to: call) else { return }
    let name = call.command.wireName
    let written = try? ControlProtocol.resultEncoder.encode(value)
    require(written != nil, "\(name): a result that was read cannot be written")
    guard let written, case .answered(let again, _)? = try? ControlOutcome(.success(id: 1, result: written), to: call) else {
        require(false, "\(name): a written result does not read back")
        return
    }
    let rewritten = try? ControlProtocol.resultEncoder.encode(again)
    require(rewritten?.serialized() == written.serialized(), "\(name): a result read back is written differently")
}

func frame(_ stream: [UInt8], _ ranges: [Range<Int>], limit: Int) -> [ControlLineFramer.Event] {
    var framer = ControlLineFramer(maxLineLength: limit)
    var events: [ControlLineFramer.Event] = []
    for range in ranges { events += framer.receive(stream[range]) }
    if let last = framer.finish() { events.append(last) }
    return events
}

/// The framer's contract, written the obvious way: each newline-terminated line (and a non-empty
/// unterminated tail), less one trailing CR, is a line if it fits the limit and `.tooLong` if not.
func expectedEvents(_ stream: [UInt8], limit: Int) -> [ControlLineFramer.Event] {
    var lines = stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines.map { line in
        let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
        return content.count > limit ? .tooLong : .line(Array(content))
    }
}

func isOneLine(_ line: [UInt8]) -> Bool {
    line.last == UInt8(ascii: "\n") && !line.dropLast().contains(UInt8(ascii: "\n"))
}

/// The production limit, and small ones so the fuzzer reaches the too-long path.
let lineLimits = [ControlProtocol.maxLineLength, 8, 64, 200]

@main enum FuzzControlMain {
    static func main() { runLibFuzzer(fuzzControl) }
}
