import Glibc

/// Splits a byte stream into lines, as a value-type state machine with no I/O.
///
/// A line longer than `maxLineLength` is reported once as `.tooLong`; the framer then discards bytes
/// up to the next newline and carries on, so one bad request never costs the connection. A `\r`
/// before the newline is dropped. The events do not depend on how the input was split into chunks.
public struct ControlLineFramer: Sendable {
    public enum Event: Sendable, Equatable {
        case line([UInt8])
        case tooLong
    }

    public let maxLineLength: Int
    private var pending: [UInt8] = []
    /// Inside a line already reported as too long.
    private var discarding = false

    public init(maxLineLength: Int = ControlProtocol.maxLineLength) {
        precondition(maxLineLength > 0)
        self.maxLineLength = maxLineLength
    }

    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [Event] {
        if let events = bytes.withContiguousStorageIfAvailable({ receive(contiguous: $0) }) { return events }
        return Array(bytes).withUnsafeBufferPointer { receive(contiguous: $0) }
    }

    /// Scans for newlines with memchr, so a megabyte-long line costs one copy rather than a loop per byte.
    private mutating func receive(contiguous bytes: UnsafeBufferPointer<UInt8>) -> [Event] {
        var events: [Event] = []
        guard let base = bytes.baseAddress else { return events }
        var start = 0
        while start < bytes.count {
            let rest = bytes.count - start
            guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), rest) else {
                append(UnsafeBufferPointer(start: base + start, count: rest), events: &events)
                break
            }
            let newline = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            append(UnsafeBufferPointer(start: base + start, count: newline - start), events: &events)
            if discarding {
                discarding = false
            } else {
                events.append(complete())
            }
            pending.removeAll(keepingCapacity: true)
            start = newline + 1
        }
        return events
    }

    /// Adds bytes of the current line, or reports it as too long once it cannot fit any more.
    private mutating func append(_ segment: UnsafeBufferPointer<UInt8>, events: inout [Event]) {
        if discarding || segment.isEmpty { return }
        // One byte of slack: a line of exactly the limit may still be followed by its `\r\n`.
        if pending.count + segment.count > maxLineLength + 1 {
            events.append(.tooLong)
            pending.removeAll(keepingCapacity: false)
            discarding = true
        } else {
            pending.append(contentsOf: segment)
        }
    }

    /// The last line when the stream ended without a newline; nil when nothing was pending.
    public mutating func finish() -> Event? {
        defer {
            pending.removeAll(keepingCapacity: false)
            discarding = false
        }
        if discarding || pending.isEmpty { return nil }
        return complete()
    }

    private func complete() -> Event {
        var length = pending.count
        if length > 0, pending[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        return length > maxLineLength ? .tooLong : .line(Array(pending[0..<length]))
    }
}
