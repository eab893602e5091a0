import Testing
@testable import ResponseStore
import TestSupport

@Suite("Concurrent saves")
struct ResponseStoreConcurrencyTests {
    static let taskCount = 200

    /// Saves `taskCount` responses from as many child tasks at once, `createdAt` = 0..<taskCount.
    static func saveConcurrently(into store: ResponseStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<taskCount {
                group.addTask { try await store.save(SampleResponses.response(id: "resp_\(n)", createdAt: n)) }
            }
            try await group.waitForAll()
        }
    }

    @Test("every save lands")
    func allSavesLand() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits())
            try await Self.saveConcurrently(into: store)

            let stats = try await store.stats()
            #expect(stats.count == Self.taskCount)
            #expect(stats.oldestCreatedAt == 0 && stats.newestCreatedAt == Self.taskCount - 1)
            for n in 0..<Self.taskCount {
                #expect(try await store.response(id: "resp_\(n)")?.createdAt == n)
            }
        }
    }

    @Test("the count limit holds and keeps exactly the newest, whatever order the saves ran in")
    func countLimitHolds() async throws {
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxResponses: 50))
            try await Self.saveConcurrently(into: store)

            let stats = try await store.stats()
            #expect(stats.count == 50)
            #expect(stats.oldestCreatedAt == Self.taskCount - 50 && stats.newestCreatedAt == Self.taskCount - 1)
        }
    }

    @Test("the byte limit holds and keeps exactly the newest, whatever order the saves ran in")
    func byteLimitHolds() async throws {
        // Ids resp_100…resp_199 serialize one byte longer than resp_10…resp_99, so size by the largest.
        let largest = SampleResponses.storedSize(SampleResponses.response(id: "resp_199", createdAt: 199))
        let maxBytes = largest * 40
        try await withTemporaryDirectory { directory in
            let store = try ResponseStore(directory: directory, limits: ResponseStoreLimits(maxBytes: maxBytes))
            try await Self.saveConcurrently(into: store)

            let stats = try await store.stats()
            #expect(stats.totalBytes <= maxBytes)
            #expect(stats.count == 40)
            #expect(stats.newestCreatedAt == Self.taskCount - 1)
            #expect(stats.oldestCreatedAt == Self.taskCount - 40)
        }
    }
}
