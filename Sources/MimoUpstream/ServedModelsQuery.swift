import AsyncHTTPClient
import NIOCore
import ResponsesTranslation

/// Why the upstream's model list could not be read.
public enum ServedModelsFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No key to ask with: the daemon has none of its own and no request has brought one yet.
    case noKey
    case unreachable(String)
    case status(Int, UpstreamError)
    /// The answer was not a model list.
    case unreadable(String)

    public var description: String {
        switch self {
        case .noKey: "no key to ask MiMo with yet (the daemon has none of its own; the next request's key will do)"
        case .unreachable(let detail): "MiMo could not be reached: \(detail)"
        case .status(let status, let error): "MiMo answered \(status): \(error.description)"
        case .unreadable(let detail): "MiMo's answer is not a model list: \(detail)"
        }
    }
}

extension MimoClient {
    /// The model list is a few KB; anything much larger is not one.
    static let maxModelListBytes = 1 << 20

    /// The ids the upstream's `GET /models` lists, in its order. Like `probe`, it takes no admission
    /// slot and never retries: it must not compete with Codex's requests, and it is asked again later.
    public func servedModels(apiKey: MimoAPIKey, timeout: Duration = .seconds(10)) async -> Result<[String], ServedModelsFailure> {
        let endpoint = self.endpoint
        var request = HTTPClientRequest(url: endpoint.modelsURL)
        request.method = .GET
        request.headers.add(name: "user-agent", value: "ccmimolink")
        request.headers.add(name: "accept", value: "application/json")
        for header in AuthHeaderChoice.headers(for: apiKey, endpoint: endpoint) {
            request.headers.add(name: header.name, value: header.value)
        }
        let status: Int, contentType: String?, body: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: TimeAmount(timeout), logger: nil)
            status = Int(response.status.code)
            contentType = response.headers.first(name: "content-type")
            body = try await response.body.collect(upTo: Self.maxModelListBytes)
        } catch {
            return .failure(.unreachable("\(endpoint.host): \(Self.describe(error))"))
        }
        let bytes = Array(body.readableBytesView)
        guard (200..<300).contains(status) else {
            return .failure(.status(status, UpstreamErrorBody.parse(status: status, contentType: contentType, body: bytes)))
        }
        return Self.modelIDs(in: bytes)
    }

    /// Reads OpenAI's list shape (`{"data":[{"id":…}]}`), and Codex's catalog shape
    /// (`{"models":[{"slug":…}]}`) that some gateways serve instead.
    static func modelIDs(in body: [UInt8]) -> Result<[String], ServedModelsFailure> {
        guard let json = try? JSONValue.parse(body) else { return .failure(.unreadable("not JSON")) }
        let entries = json["data"]?.arrayValue ?? json["models"]?.arrayValue
        guard let entries else { return .failure(.unreadable("no \"data\" list")) }
        let ids = entries.compactMap { $0["id"]?.stringValue ?? $0["slug"]?.stringValue }
        guard !ids.isEmpty else { return .failure(.unreadable("the list names no model")) }
        return .success(ids)
    }
}
