/// Decodes a `text/event-stream` body into events, as the WHATWG HTML "event stream
/// interpretation" describes, from byte chunks cut anywhere (mid-line, mid-character, between the
/// CR and LF of one line end).
///
/// Bounded: the unfinished line and the unfinished event are limited, so an upstream that never
/// sends a line end costs at most the limit plus one chunk. Linear: each byte is examined for a
/// line end once (`scanOffset`), and consumed lines are dropped once per `receive`.
///
/// Deliberate difference from the spec: `finish()` dispatches an event the stream left without its
/// closing blank line, instead of discarding it. A final `data: [DONE]` without a blank line is
/// kept, and a payload cut mid-JSON reaches the consumer as unparsable data rather than vanishing,
/// so a truncated upstream is noticed.
public struct ServerSentEventDecoder: Sendable {
    public static let defaultMaxLineBytes = 16 << 20

    /// The longest line accepted, in bytes, excluding its line end.
    public let maxLineBytes: Int
    /// The most `data:` bytes one event may accumulate.
    public let maxEventBytes: Int

    /// The stream's last `retry:` value, if any: the reconnection delay the server asked for.
    public private(set) var reconnectionTime: Duration?

    /// Bytes of the unfinished line; everything before `scanOffset` holds no line end.
    private var buffer: [UInt8] = []
    private var scanOffset = 0
    /// The previous chunk ended in CR: a LF starting the next chunk completes that line end.
    private var pendingCarriageReturn = false
    private var atStreamStart = true
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?
    private var failure: SSEDecodingError?
    /// Bytes searched for a line end so far; lets tests prove nothing is rescanned.
    private(set) var bytesExamined = 0

    /// `maxEventBytes` defaults to `maxLineBytes`: MiMo sends one `data:` line per event.
    public init(maxLineBytes: Int = defaultMaxLineBytes, maxEventBytes: Int? = nil) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxEventBytes = max(1, maxEventBytes ?? maxLineBytes)
    }

    /// Decodes the events completed by `bytes`. After an error the decoder stays failed: the stream
    /// is to be abandoned, and events decoded earlier in the same call are dropped with it.
    public mutating func receive(_ bytes: some Sequence<UInt8>) throws(SSEDecodingError) -> [ServerSentEvent] {
        if let failure { throw failure }
        buffer.append(contentsOf: bytes)
        var events: [ServerSentEvent] = []
        var lineStart = 0
        if pendingCarriageReturn, let first = buffer.first {
            pendingCarriageReturn = false
            if first == Self.lineFeed {
                lineStart = 1
                scanOffset = max(scanOffset, 1)
            }
        }
        while let lineEnd = nextLineEnd(from: scanOffset) {
            bytesExamined += lineEnd + 1 - scanOffset
            try guarded { (decoder) throws(SSEDecodingError) in
                try decoder.process(line: lineStart..<lineEnd, into: &events)
            }
            var next = lineEnd + 1
            if buffer[lineEnd] == Self.carriageReturn {
                if next == buffer.count {
                    pendingCarriageReturn = true
                } else if buffer[next] == Self.lineFeed {
                    next += 1
                }
            }
            lineStart = next
            scanOffset = next
        }
        bytesExamined += buffer.count - scanOffset
        if lineStart > 0 { buffer.removeSubrange(0..<lineStart) }
        scanOffset = buffer.count
        // A byte-order mark at the stream start is not part of the first line (`process` drops it), so
        // it must not count here either: the limit would otherwise depend on where the chunks were cut.
        let byteOrderMarkBytes = atStreamStart && buffer.starts(with: Self.byteOrderMark.prefix(buffer.count))
            ? min(buffer.count, Self.byteOrderMark.count) : 0
        if buffer.count - byteOrderMarkBytes > maxLineBytes {
            failure = .lineTooLong(limit: maxLineBytes)
            buffer = []
            throw .lineTooLong(limit: maxLineBytes)
        }
        return events
    }

    /// Ends the stream: decodes an unterminated last line and dispatches a pending event (see the
    /// type's note). The decoder is then reset for a new stream.
    public mutating func finish() throws(SSEDecodingError) -> [ServerSentEvent] {
        if let failure { throw failure }
        var events: [ServerSentEvent] = []
        if !buffer.isEmpty {
            try guarded { (decoder) throws(SSEDecodingError) in
                try decoder.process(line: 0..<decoder.buffer.count, into: &events)
            }
        }
        dispatch(into: &events)
        self = Self(maxLineBytes: maxLineBytes, maxEventBytes: maxEventBytes)
        return events
    }

    // MARK: - Lines and fields

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func nextLineEnd(from offset: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var index = offset
            while index < bytes.count {
                let byte = bytes[index]
                if byte == Self.lineFeed || byte == Self.carriageReturn { return index }
                index += 1
            }
            return nil
        }
    }

    /// Runs `body`, remembering its error so later calls fail the same way.
    private mutating func guarded(_ body: (inout Self) throws(SSEDecodingError) -> Void) throws(SSEDecodingError) {
        do {
            try body(&self)
        } catch {
            failure = error
            buffer = []
            data = []
            throw error
        }
    }

    private mutating func process(line range: Range<Int>, into events: inout [ServerSentEvent]) throws(SSEDecodingError) {
        var range = range
        if atStreamStart {
            atStreamStart = false
            if buffer[range].starts(with: Self.byteOrderMark) { range = (range.lowerBound + 3)..<range.upperBound }
        }
        guard range.count <= maxLineBytes else { throw .lineTooLong(limit: maxLineBytes) }
        guard let first = range.first else {
            dispatch(into: &events)
            return
        }
        if buffer[first] == Self.colon { return }  // a comment, e.g. a keepalive
        let colon = buffer[range].firstIndex(of: Self.colon)
        let field = buffer[range.lowerBound..<(colon ?? range.upperBound)]
        var valueStart = colon.map { $0 + 1 } ?? range.upperBound
        if valueStart < range.upperBound, buffer[valueStart] == Self.space { valueStart += 1 }
        let value = buffer[valueStart..<range.upperBound]

        if field.elementsEqual("data".utf8) {
            if hasData { data.append(Self.lineFeed) }
            data.append(contentsOf: value)
            hasData = true
            guard data.count <= maxEventBytes else { throw .eventTooLarge(limit: maxEventBytes) }
        } else if field.elementsEqual("event".utf8) {
            eventType = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        } else if field.elementsEqual("id".utf8) {
            // The spec ignores ids containing NUL.
            if !value.contains(0) { lastEventID = value.isEmpty ? nil : String(decoding: value, as: UTF8.self) }
        } else if field.elementsEqual("retry".utf8) {
            if !value.isEmpty, value.count <= 12, value.allSatisfy({ (0x30...0x39).contains($0) }) {
                reconnectionTime = .milliseconds(value.reduce(0) { $0 * 10 + Int64($1 - 0x30) })
            }
        }
        // Other fields are ignored, as the spec requires.
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            data.removeAll(keepingCapacity: data.count <= 64 << 10)
            hasData = false
            eventType = nil
        }
        guard hasData else { return }
        events.append(ServerSentEvent(event: eventType, data: String(decoding: data, as: UTF8.self), id: lastEventID))
    }
}
