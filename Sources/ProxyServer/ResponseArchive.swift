import ResponsesTranslation

/// Where finished responses are kept for `GET /v1/responses/{id}` and `previous_response_id`.
/// The daemon uses the SQLite `ResponseStore`; tests may use `InMemoryResponseArchive`.
public protocol ResponseArchive: Sendable {
    func save(_ record: ArchivedResponse) async throws
    func response(id: String) async throws -> ArchivedResponse?
    /// The items of the conversation up to and including `id` (its input, then its output).
    func conversation(endingAt id: String) async throws -> [JSONValue]?
}

public struct ArchivedResponse: Sendable, Equatable {
    public var id: String
    public var createdAt: Int
    public var model: String
    public var status: String
    public var response: JSONValue
    public var inputItems: [JSONValue]

    public init(id: String, createdAt: Int, model: String, status: String, response: JSONValue, inputItems: [JSONValue]) {
        self.id = id
        self.createdAt = createdAt
        self.model = model
        self.status = status
        self.response = response
        self.inputItems = inputItems
    }
}

/// A bounded archive in memory, for tests and for running without a state directory.
public actor InMemoryResponseArchive: ResponseArchive {
    private var records: [String: ArchivedResponse] = [:]
    private var order: [String] = []
    private let limit: Int

    public init(limit: Int = 100) { self.limit = limit }

    public func save(_ record: ArchivedResponse) {
        if records.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        while order.count > limit { records.removeValue(forKey: order.removeFirst()) }
    }

    public func response(id: String) -> ArchivedResponse? { records[id] }

    public func conversation(endingAt id: String) -> [JSONValue]? {
        guard let record = records[id] else { return nil }
        return record.inputItems + (record.response["output"]?.arrayValue ?? [])
    }
}
