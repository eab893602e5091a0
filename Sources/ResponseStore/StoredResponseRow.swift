import Foundation
import GRDB
import ResponsesTranslation

/// A `StoredResponse` as a row of `stored_response`: JSON as our serializer writes it, so what
/// comes back is byte for byte what went in (member order, number literals), and the byte count
/// the limits are measured in.
struct StoredResponseRow: Sendable {
    var id: String
    var createdAt: Int
    var model: String
    var status: String
    var responseJSON: Data
    var inputItemsJSON: Data

    var byteSize: Int { responseJSON.count + inputItemsJSON.count }

    static let selectColumns = "id, created_at, model, status, response_json, input_items_json"

    init(_ response: StoredResponse) {
        id = response.id
        createdAt = response.createdAt
        model = response.model
        status = response.status
        responseJSON = Data(response.response.serializedBytes())
        inputItemsJSON = Data(JSONValue.array(response.inputItems).serializedBytes())
    }

    /// Reads a row selected with `selectColumns`, in that order.
    init(_ row: Row) {
        id = row[0]
        createdAt = row[1]
        model = row[2]
        status = row[3]
        responseJSON = row[4]
        inputItemsJSON = row[5]
    }

    /// Inserts, or replaces the columns of the response with the same id (keeping its `seq`).
    func upsert(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO stored_response
                    (id, created_at, model, status, byte_size, response_json, input_items_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    created_at = excluded.created_at, model = excluded.model, status = excluded.status,
                    byte_size = excluded.byte_size, response_json = excluded.response_json,
                    input_items_json = excluded.input_items_json
                """,
            arguments: [id, createdAt, model, status, byteSize, responseJSON, inputItemsJSON])
    }

    /// Parses the JSON back. Runs outside the database queue: parsing a long conversation is CPU
    /// work that should not hold a connection.
    func decoded(path: String) throws(ResponseStoreError) -> StoredResponse {
        let response = try parse(responseJSON, what: "response", path: path)
        guard case .array(let inputItems) = try parse(inputItemsJSON, what: "input items", path: path) else {
            throw .corruptRecord(id: id, path: path, reason: "input items are not a JSON array")
        }
        return StoredResponse(
            id: id, createdAt: createdAt, model: model, status: status, response: response, inputItems: inputItems)
    }

    private func parse(_ data: Data, what: String, path: String) throws(ResponseStoreError) -> JSONValue {
        let parsed = data.withUnsafeBytes { bytes in
            // Deeper than the request parser allows: we wrote this JSON, and a limit of our own
            // must not make a stored response unreadable.
            Result { () throws(JSONParseError) in try JSONValue.parse(bytes, maxDepth: 1024) }
        }
        switch parsed {
        case .success(let value): return value
        case .failure(let error): throw .corruptRecord(id: id, path: path, reason: "\(what): \(error)")
        }
    }
}
