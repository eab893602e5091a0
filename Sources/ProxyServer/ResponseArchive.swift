import ResponseStore
import ResponsesTranslation

/// Where finished responses are kept for `GET /v1/responses/{id}` and `previous_response_id`.
/// The daemon uses the SQLite `ResponseStore`; tests may use `InMemoryResponseArchive`.
public protocol ResponseArchive: Sendable {
    func save(_ record: StoredResponse) async throws
    func response(id: String) async throws -> StoredResponse?
    /// The items of the conversation up to and including `id` (its input, then its output).
    func conversation(endingAt id: String) async throws -> [JSONValue]?
}

/// A bounded archive in memory, for tests and for running without a state directory.
public actor InMemoryResponseArchive: ResponseArchive {
    private var records: [String: StoredResponse] = [:]
    private var order: [String] = []
    private let limit: Int

    public init(limit: Int = 100) { self.limit = limit }

    public func save(_ record: StoredResponse) {
        if records.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        while order.count > limit { records.removeValue(forKey: order.removeFirst()) }
    }

    public func response(id: String) -> StoredResponse? { records[id] }

    public func conversation(endingAt id: String) -> [JSONValue]? {
        guard let record = records[id] else { return nil }
        return record.conversation
    }
}

/// The SQLite store is the daemon's archive.
extension ResponseStore: ResponseArchive {}
