import Testing
@testable import ResponseStore
import ResponsesTranslation
import TestSupport

@Suite("Limits, eviction and draining")
struct ResponseStoreLimitTests {
    @Test("past maxResponses the oldest responses go first")
    func evictsByCountOldestFirst() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxResponses: 3))
            for n in 1...5 { try await store.save(SampleResponses.response(id: "resp_\(n)", createdAt: 100 + n)) }

            for n in 1...2 { #expect(try await store.response(id: "resp_\(n)") == nil) }
            for n in 3...5 { #expect(try await store.response(id: "resp_\(n)") != nil) }
            let stats = try await store.stats()
            #expect(stats.count == 3)
            #expect(stats.oldestCreatedAt == 103 && stats.newestCreatedAt == 105)
            #expect(stats.path == store.path)
        }
    }

    @Test("oldest means smallest createdAt, not first saved; same-second ties go in save order")
    func evictionFollowsCreatedAt() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxResponses: 2))
            try await store.save(SampleResponses.response(id: "resp_late", createdAt: 30))
            try await store.save(SampleResponses.response(id: "resp_early", createdAt: 10))
            try await store.save(SampleResponses.response(id: "resp_middle", createdAt: 20))
            #expect(try await store.response(id: "resp_early") == nil)
            #expect(try await store.response(id: "resp_middle") != nil)

            try await store.save(SampleResponses.response(id: "resp_tie_a", createdAt: 40))
            try await store.save(SampleResponses.response(id: "resp_tie_b", createdAt: 40))
            try await store.save(SampleResponses.response(id: "resp_tie_c", createdAt: 40))
            #expect(try await store.response(id: "resp_tie_a") == nil)
            #expect(try await store.response(id: "resp_tie_b") != nil)
            #expect(try await store.response(id: "resp_tie_c") != nil)
        }
    }

    @Test("past maxBytes the oldest responses go first, and the total stays within the limit")
    func evictsByBytesOldestFirst() async throws {
        let responses = (1...4).map { SampleResponses.response(id: "resp_\($0)", createdAt: $0) }
        let size = SampleResponses.storedSize(responses[0])
        #expect(responses.allSatisfy { SampleResponses.storedSize($0) == size })
        let maxBytes = size * 5 / 2

        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxBytes: maxBytes))
            for response in responses { try await store.save(response) }

            let stats = try await store.stats()
            #expect(stats.count == 2)
            #expect(stats.totalBytes == 2 * size && stats.totalBytes <= maxBytes)
            #expect(stats.oldestCreatedAt == 3 && stats.newestCreatedAt == 4)
            #expect(try await store.response(id: "resp_2") == nil)
        }
    }

    @Test("a response larger than maxBytes on its own is refused and changes nothing")
    func refusesTooLarge() async throws {
        try await withTemporaryDirectory { directory in
            let small = SampleResponses.response(id: "resp_big", createdAt: 1)
            let limit = SampleResponses.storedSize(small) + 10
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxBytes: limit))
            try await store.save(small)

            let big = SampleResponses.response(id: "resp_big", createdAt: 2, text: String(repeating: "x", count: 500))
            let error = await #expect(throws: ResponseStoreError.self) { try await store.save(big) }
            #expect(error == .tooLarge(id: "resp_big", bytes: SampleResponses.storedSize(big), limit: limit))
            #expect(error?.description.contains("Raise the store's byte limit") == true)
            #expect(try await store.response(id: "resp_big") == small)
            #expect(try await store.stats().count == 1)
        }
    }

    @Test("drain removes everything, says how many, shrinks the file, and the store keeps working")
    func drainEmptiesAndReclaims() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            let bulky = String(repeating: "conversation text ", count: 5_000)
            for n in 1...7 { try await store.save(SampleResponses.response(id: "resp_\(n)", createdAt: n, text: bulky)) }
            let sizeBefore = fileSize(store.path) + fileSize(store.path + "-wal")

            #expect(try await store.drain() == 7)
            #expect(try await store.stats() == ResponseStoreStats(
                count: 0, totalBytes: 0, oldestCreatedAt: nil, newestCreatedAt: nil, path: store.path))
            #expect(try await store.response(id: "resp_1") == nil)
            let sizeAfter = fileSize(store.path) + fileSize(store.path + "-wal")
            #expect(sizeAfter * 10 < sizeBefore, "before \(sizeBefore) bytes, after \(sizeAfter)")

            #expect(try await store.drain() == 0)
            try await store.save(SampleResponses.response(id: "resp_after", createdAt: 8))
            #expect(try await store.stats().count == 1)
        }
    }

    @Test("lower limits on reopening evict down to them at once")
    func reopeningWithLowerLimitsEvicts() async throws {
        try await withTemporaryDirectory { directory in
            let first = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            for n in 1...5 { try await first.save(SampleResponses.response(id: "resp_\(n)", createdAt: n)) }
            try await first.close()

            let second = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxResponses: 2))
            let stats = try await second.stats()
            #expect(stats.count == 2 && stats.oldestCreatedAt == 4 && stats.newestCreatedAt == 5)
        }
    }

    @Test("limits below one are refused with the reason", arguments: [
        (ResponseStoreLimits(maxResponses: 0), "maxResponses must be at least 1 (got 0)"),
        (ResponseStoreLimits(maxBytes: -5), "maxBytes must be at least 1 (got -5)"),
    ])
    func refusesUnusableLimits(limits: ResponseStoreLimits, reason: String) async throws {
        try withTemporaryDirectory { directory in
            #expect(throws: ResponseStoreError.invalidLimits(reason: reason)) {
                try ResponseStore(directory: directory, limits: limits)
            }
        }
    }
}
