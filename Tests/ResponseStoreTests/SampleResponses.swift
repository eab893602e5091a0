@testable import ResponseStore
import ResponsesTranslation

/// Small, distinct responses shaped like what the daemon stores.
enum SampleResponses {
    static func response(
        id: String, createdAt: Int, text: String = "Done.", status: String = "completed",
        inputItems: [JSONValue]? = nil
    ) -> StoredResponse {
        let output: JSONValue = [
            [
                "type": "message", "id": "msg_\(id)", "status": "completed", "role": "assistant",
                "content": [["type": "output_text", "text": .string(text), "annotations": []]],
            ],
        ]
        let response: JSONValue = [
            "id": .string(id), "object": "response", "created_at": .int(createdAt), "status": .string(status),
            "model": "mimo-v2.5-pro", "output": output,
        ]
        return StoredResponse(
            id: id, createdAt: createdAt, model: "mimo-v2.5-pro", status: status, response: response,
            inputItems: inputItems ?? [userMessage("question for \(id)")])
    }

    static func userMessage(_ text: String) -> JSONValue {
        ["type": "message", "role": "user", "content": [["type": "input_text", "text": .string(text)]]]
    }

    /// The bytes the store counts against `maxBytes` for `response`.
    static func storedSize(_ response: StoredResponse) -> Int { StoredResponseRow(response).byteSize }
}
