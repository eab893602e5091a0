import AsyncHTTPClient
import NIOCore

/// What one `GET /models` against MiMo showed (`ccmimoctl health --probe`): whether the host answers
/// and whether it accepts the key. It never retries and never takes an admission slot: it must not
/// compete with Codex's requests.
public struct UpstreamProbe: Sendable, Equatable {
    public var reachable: Bool
    public var status: Int?
    public var detail: String
}

extension MimoClient {
    public func probe(apiKey: MimoAPIKey?, timeout: Duration = .seconds(5)) async -> UpstreamProbe {
        let endpoint = self.endpoint
        var request = HTTPClientRequest(url: endpoint.modelsURL)
        request.method = .GET
        request.headers.add(name: "user-agent", value: "ccmimolink")
        if let apiKey {
            for header in AuthHeaderChoice.headers(for: apiKey, endpoint: endpoint) {
                request.headers.add(name: header.name, value: header.value)
            }
        }
        do {
            let response = try await http.execute(request, timeout: TimeAmount(timeout), logger: nil)
            let status = Int(response.status.code)
            // The body is not needed; draining it lets the connection be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let detail: String
            switch status {
            case 200..<300: detail = "\(endpoint.host) answered \(status)" + (apiKey == nil ? "" : " and accepted the key")
            case 401 where apiKey == nil, 403 where apiKey == nil: detail = "\(endpoint.host) answered \(status) to a request without a key (the daemon has none; Codex sends its own)"
            case 401, 403: detail = "\(endpoint.host) refused the daemon's key (\(status)); check the key and the mode/region"
            default: detail = "\(endpoint.host) answered \(status)"
            }
            return UpstreamProbe(reachable: true, status: status, detail: detail)
        } catch {
            return UpstreamProbe(reachable: false, status: nil, detail: "\(endpoint.host): \(Self.describe(error))")
        }
    }
}
