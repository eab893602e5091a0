import CSystemd
import Glibc

/// Sends one native journal entry with `sd_journal_sendv` (`sd_journal_send` is C-variadic, which Swift
/// cannot call).
enum JournalEntryWriter {
    /// True when journald accepted the entry. libsystemd encodes values containing newlines in the
    /// binary form itself and falls back to a memfd for entries too large for one datagram.
    @discardableResult
    static func send(_ fields: [(String, String)]) -> Bool {
        let entries = fields.map { Array("\($0.0)=\($0.1)".utf8) }
        let total = entries.reduce(0) { $0 + $1.count }
        // One buffer holds every "NAME=value" so all iovecs point into memory that lives through the call.
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
        defer { storage.deallocate() }
        var vectors: [iovec] = []
        vectors.reserveCapacity(entries.count)
        var offset = 0
        for entry in entries {
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<offset + entry.count])
            slice.copyBytes(from: entry)
            vectors.append(iovec(iov_base: slice.baseAddress, iov_len: entry.count))
            offset += entry.count
        }
        return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) } == 0
    }
}
