import HTTPTypes

/// MiMo's key check (mimo-api.md §1, §2): exactly one of `Authorization: Bearer K` or `api-key: K`, a
/// non-empty key, and a key of the plan the gateway serves. `x-api-key` is not a MiMo header.
struct MimoAuthentication: Sendable, Equatable {
    /// The header name(s) the client used, for the request record: `authorization`, `api-key`,
    /// `x-api-key`, or several joined by `+`; nil when none was sent.
    var headerName: String?
    /// The key, when one could be read. Never recorded as such: only its `SecretRedaction.placeholder`.
    var key: String?
    var isAccepted: Bool

    static let apiKey = HTTPField.Name("api-key")!
    static let xAPIKey = HTTPField.Name("x-api-key")!

    init(headers: HTTPFields, mode: MimoSimulatorMode) {
        let bearerValues = headers[values: .authorization]
        let apiKeyValues = headers[values: Self.apiKey]
        var names: [String] = []
        if !bearerValues.isEmpty { names.append("authorization") }
        if !apiKeyValues.isEmpty { names.append("api-key") }
        if names.isEmpty && headers[Self.xAPIKey] != nil { names.append("x-api-key") }
        headerName = names.isEmpty ? nil : names.joined(separator: "+")
        key = nil
        isAccepted = false

        // Two auth headers (or one sent twice) is not "exactly one": refused like a missing key.
        guard bearerValues.count + apiKeyValues.count == 1 else { return }
        let candidate: String
        if let authorization = bearerValues.first {
            guard let token = Self.bearerToken(authorization) else { return }
            candidate = token
        } else {
            candidate = apiKeyValues[0].trimmedWhitespace
        }
        key = candidate
        isAccepted = !candidate.isEmpty && !Self.belongsToOtherPlan(candidate, mode: mode)
    }

    /// `Bearer K` (scheme case-insensitive, as in RFC 9110) → K; anything else → nil.
    static func bearerToken(_ value: String) -> String? {
        let trimmedValue = value.trimmedWhitespace
        guard trimmedValue.count >= 6, trimmedValue.prefix(6).lowercased() == "bearer" else { return nil }
        let rest = trimmedValue.dropFirst(6)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return rest.trimmedWhitespace
    }

    /// `tp-`/`ttp-` keys are Token Plan keys; `sk-` keys are pay-as-you-go. Other prefixes are let through,
    /// so tests may use any key that is not of the wrong plan.
    static func belongsToOtherPlan(_ key: String, mode: MimoSimulatorMode) -> Bool {
        switch mode {
        case .standard: key.hasPrefix("tp-") || key.hasPrefix("ttp-")
        case .tokenPlan: key.hasPrefix("sk-")
        }
    }

}
