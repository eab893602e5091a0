import Foundation
import Testing
@testable import MimoUpstream
import TestSupport

@Suite struct APIKeyResolverTests {
    /// Case-insensitive lookup, as HTTP header names are.
    static func headers(_ pairs: [String: String]) -> (String) -> String? {
        { name in pairs.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    static func withCredentialsDirectory<T>(containing contents: String?, _ body: (String) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            if let contents {
                try Data(contents.utf8).write(to: URL(fileURLWithPath: directory + "/mimo-api-key"))
            }
            return try body(directory)
        }
    }

    @Test func bearerWinsWithAnySchemeCase() {
        for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
            let key = APIKeyResolver.resolve(
                header: Self.headers(["authorization": "\(scheme)  sk-from-bearer ", "api-key": "sk-other"]),
                credentialsDirectory: nil, environment: ["MIMO_API_KEY": "sk-env"])
            #expect(key?.value == "sk-from-bearer")
            #expect(key?.source == .request(header: "Authorization"))
        }
    }

    @Test func headersAreTriedInOrder() {
        let mimoHeader = APIKeyResolver.resolve(
            header: Self.headers(["X-MIMO-API-KEY": "tp-mimo", "api-key": "tp-plain"]), credentialsDirectory: nil, environment: [:])
        #expect(mimoHeader?.value == "tp-mimo")
        #expect(mimoHeader?.source == .request(header: "X-Mimo-Api-Key"))
        let plain = APIKeyResolver.resolve(header: Self.headers(["Api-Key": "tp-plain"]), credentialsDirectory: nil, environment: [:])
        #expect(plain?.value == "tp-plain")
        #expect(plain?.source == .request(header: "api-key"))
    }

    @Test func emptyOrForeignAuthorizationFallsThrough() {
        for authorization in ["Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "sk-bare-token", "Bearersk-nospace"] {
            let key = APIKeyResolver.resolve(
                header: Self.headers(["Authorization": authorization, "X-Mimo-Api-Key": "  ", "api-key": "sk-next"]),
                credentialsDirectory: nil, environment: [:])
            #expect(key?.value == "sk-next", "Authorization: \(authorization)")
        }
    }

    @Test func credentialFileIsTrimmedAndBeatsTheEnvironment() throws {
        try Self.withCredentialsDirectory(containing: "tp-from-file\n\n") { directory in
            let key = APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: directory,
                                             environment: ["MIMO_API_KEY": "sk-env"])
            #expect(key?.value == "tp-from-file")
            #expect(key?.source == .credentialsFile(path: directory + "/mimo-api-key"))
        }
    }

    @Test func emptyCredentialFileFallsBackToTheEnvironment() throws {
        try Self.withCredentialsDirectory(containing: " \n") { directory in
            let key = APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: directory,
                                             environment: ["MIMO_API_KEY": " sk-env\n"])
            #expect(key?.value == "sk-env")
            #expect(key?.source == .environment)
        }
        try Self.withCredentialsDirectory(containing: nil) { directory in
            let key = APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: directory,
                                             environment: ["MIMO_API_KEY": "sk-env"])
            #expect(key?.source == .environment)
        }
    }

    @Test func nothingAnywhereIsNil() {
        #expect(APIKeyResolver.resolve(header: { _ in nil }, credentialsDirectory: nil, environment: ["MIMO_API_KEY": ""]) == nil)
        #expect(APIKeyResolver.resolve(header: { _ in "" }, credentialsDirectory: "/nonexistent-ccmimolink", environment: [:]) == nil)
    }

    @Test func missingKeyAdviceNamesEveryPlace() {
        let message = MissingKeyAdvice.message
        for place in ["ccmimoctl sync", "auth.json", "env_key", "LoadCredential=mimo-api-key:", "systemd-creds",
                      "MIMO_API_KEY", "Authorization: Bearer"] {
            #expect(message.contains(place), "missing: \(place)")
        }
    }
}
