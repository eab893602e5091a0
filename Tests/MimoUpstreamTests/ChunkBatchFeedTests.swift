import NIOConcurrencyHelpers
import ResponsesTranslation
import Testing
@testable import MimoUpstream

/// The hand-over from the stream delegate to its consumer: in order, without a task in between, and a
/// consumer that leaves stops MiMo's stream once.
@Suite struct ChunkBatchFeedTests {
    /// What a feed did, recorded by its handler and hooks.
    final class Record: Sendable {
        let seen = NIOLockedValueBox<[String]>([])
        func note(_ what: String) { seen.withLockedValue { $0.append(what) } }
        var all: [String] { seen.withLockedValue { $0 } }

        func handler(_ delivery: ChunkBatchFeed.Delivery) {
            switch delivery {
            case .batch(let batch): note("batch \(batch.chunks.compactMap(\.content).joined())\(batch.isLast ? " last" : "")")
            case .finished: note("finished")
            case .failed(let error): note("failed \(error)")
            }
        }

        func feed() -> ChunkBatchFeed {
            ChunkBatchFeed(onCancel: { self.note("cancel") }, onEnd: { self.note("end") })
        }
    }

    static func batch(_ text: String, isLast: Bool = false) -> ChunkBatch {
        ChunkBatch([ChatChunk(content: text)], isLast: isLast)
    }

    /// A batch reaches an attached consumer inside `put`, on the thread that read it: the stream pump's
    /// own event stream is then the only hand-over between MiMo's socket and Codex's.
    @Test func anAttachedConsumerGetsEachBatchWithinPut() {
        let record = Record()
        let feed = record.feed()
        feed.attach(record.handler)
        feed.put(.batch(Self.batch("a")))
        #expect(record.all == ["batch a"])
        feed.put(.batch(Self.batch("b", isLast: true)))
        feed.put(.finished)
        #expect(record.all == ["batch a", "batch b last", "finished", "end"])
    }

    @Test func whatArrivesBeforeTheConsumerWaitsAndKeepsItsOrder() {
        let record = Record()
        let feed = record.feed()
        feed.put(.batch(Self.batch("a")))
        feed.put(.batch(Self.batch("b")))
        feed.attach(record.handler)
        feed.put(.batch(Self.batch("c")))
        feed.put(.failed(UpstreamStreamFailure.disconnected("reset")))
        #expect(record.all == ["batch a", "batch b", "batch c", "failed disconnected(\"reset\")", "end"])
    }

    @Test func nothingIsTakenAfterTheEnd() {
        let record = Record()
        let feed = record.feed()
        feed.put(.finished)
        feed.put(.batch(Self.batch("late")))
        feed.attach(record.handler)
        #expect(record.all == ["end", "finished"])
        feed.cancel()
        #expect(record.all == ["end", "finished"], "a cancel after the end stops nothing")
    }

    @Test func aConsumerThatLeavesStopsTheStreamOnce() {
        let record = Record()
        let feed = record.feed()
        feed.attach(record.handler)
        feed.put(.batch(Self.batch("a")))
        feed.cancel()
        feed.cancel()
        feed.put(.batch(Self.batch("b")))
        feed.put(.finished)
        #expect(record.all == ["batch a", "cancel", "end"])
    }

    /// A client gone before its stream started leaves `UpstreamChunks` unread: dropping it stops MiMo's
    /// request, as dropping an unread async stream did. Chunks whose consumer attached are its to stop.
    @Test func chunksDroppedUnreadCancelTheirStream() {
        let unread = Record()
        do { _ = UpstreamChunks(status: 200, feed: unread.feed()) }
        #expect(unread.all == ["cancel", "end"])

        let attached = Record()
        do {
            let chunks = UpstreamChunks(status: 200, feed: attached.feed())
            chunks.feed.attach(attached.handler)
        }
        #expect(attached.all == [])
    }

    @Test func theAsyncStreamOfBatchesEndsAsTheFeedDoes() async throws {
        let record = Record()
        let feed = record.feed()
        let chunks = UpstreamChunks(status: 200, feed: feed)
        feed.put(.batch(Self.batch("a")))
        let stream = chunks.batches()
        feed.put(.batch(Self.batch("b", isLast: true)))
        feed.put(.finished)
        var texts: [String] = []
        for try await batch in stream { texts += batch.chunks.compactMap(\.content) }
        #expect(texts == ["a", "b"])
        #expect(record.all == ["end"])
    }
}
