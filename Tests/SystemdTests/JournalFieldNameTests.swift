import Systemd
import Testing

@Suite struct JournalFieldNameTests {
    @Test(arguments: [
        ("response_id", "RESPONSE_ID"),
        ("upstream.status", "UPSTREAM_STATUS"),
        ("Model-Name", "MODEL_NAME"),
        ("_PID", "PID"),
        ("__systemd_unit", "SYSTEMD_UNIT"),
        ("2fa", "F_2FA"),
        ("_9lives", "F_9LIVES"),
        ("clé", "CL_"),
    ])
    func mapsKeysToValidNames(key: String, expected: String) {
        #expect(JournalFieldName.sanitized(key) == expected)
        #expect(JournalFieldName.isValid(expected))
    }

    @Test(arguments: ["", "_", "___", "-", "..."])
    func keysWithoutLettersOrDigitsHaveNoName(key: String) {
        #expect(JournalFieldName.sanitized(key) == nil)
    }

    @Test func namesAreCutTo64Bytes() throws {
        let name = try #require(JournalFieldName.sanitized(String(repeating: "a", count: 100)))
        #expect(name == String(repeating: "A", count: 64))
        #expect(JournalFieldName.isValid(name))
    }

    @Test(arguments: ["", "_PID", "9X", "lower", "A-B", String(repeating: "A", count: 65)])
    func validityRejectsWhatJournaldWould(name: String) {
        #expect(!JournalFieldName.isValid(name))
    }

    @Test(arguments: ["a", "x_y", "Ünïcødé key", "_leading", "0digit", "ok.name-with-dash", "🙂"])
    func everySanitisedNameIsValidAndNeverTrusted(key: String) {
        guard let name = JournalFieldName.sanitized(key) else { return }
        #expect(JournalFieldName.isValid(name), "\(key) → \(name)")
        #expect(!name.hasPrefix("_"))
    }
}
