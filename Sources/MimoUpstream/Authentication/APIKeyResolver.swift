import Foundation

/// Finds the MiMo key for one request. The client's own key wins, so several Codex profiles with
/// different keys can share one daemon; the daemon's key (systemd credential, then environment)
/// is the fallback for clients that send none.
public enum APIKeyResolver {
    /// Request headers tried in order. The `header` lookup passed to `resolve` must ignore case,
    /// as HTTP header names do.
    public static let requestHeaders = ["Authorization", "X-Mimo-Api-Key", "api-key"]
    /// The credential name in `LoadCredential=mimo-api-key:…`.
    public static let credentialName = "mimo-api-key"
    public static let environmentVariable = "MIMO_API_KEY"

    /// - Parameters:
    ///   - header: case-insensitive lookup of a request header's value.
    ///   - credentialsDirectory: systemd's `$CREDENTIALS_DIRECTORY`, or nil outside systemd.
    ///   - environment: the daemon's environment.
    /// - Returns: nil when no source has a non-empty key; answer 401 with `MissingKeyAdvice.message`.
    public static func resolve(
        header: (String) -> String?, credentialsDirectory: String?, environment: [String: String]
    ) -> MimoAPIKey? {
        if let key = fromRequest(header: header) { return key }
        if let directory = credentialsDirectory?.trimmedWhitespace, !directory.isEmpty {
            let path = directory.hasSuffix("/") ? directory + credentialName : directory + "/" + credentialName
            if let contents = FileManager.default.contents(atPath: path) {
                let value = String(decoding: contents, as: UTF8.self).trimmedWhitespace
                if !value.isEmpty { return MimoAPIKey(value: value, source: .credentialsFile(path: path)) }
            }
        }
        if let value = environment[environmentVariable]?.trimmedWhitespace, !value.isEmpty {
            return MimoAPIKey(value: value, source: .environment)
        }
        return nil
    }

    static func fromRequest(header: (String) -> String?) -> MimoAPIKey? {
        if let authorization = header("Authorization")?.trimmedWhitespace {
            // Only the Bearer scheme carries a key; `Basic …` or a bare token is someone else's auth.
            let scheme = "bearer"
            if authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme,
               authorization.dropFirst(scheme.count).first?.isWhitespace == true {
                let value = authorization.dropFirst(scheme.count).trimmedWhitespace
                if !value.isEmpty { return MimoAPIKey(value: value, source: .request(header: "Authorization")) }
            }
        }
        for name in requestHeaders.dropFirst() {
            if let value = header(name)?.trimmedWhitespace, !value.isEmpty {
                return MimoAPIKey(value: value, source: .request(header: name))
            }
        }
        return nil
    }
}
