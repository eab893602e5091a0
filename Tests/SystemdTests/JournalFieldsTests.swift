import Logging
import Systemd
import Testing

@Suite struct JournalFieldsTests {
    private func fields(
        level: Logger.Level = .info, message: Logger.Message = "proxying stream",
        metadata: Logger.Metadata = [:], valueByteLimit: Int = JournalFields.defaultValueByteLimit
    ) -> [(String, String)] {
        JournalFields.make(
            level: level, message: message, metadata: metadata, source: "ProxyServer",
            file: "ProxyServer/StreamPump.swift", function: "pump(_:)", line: 62, identifier: "ccmimolinkd",
            valueByteLimit: valueByteLimit)
    }

    private func values(_ fields: [(String, String)], named name: String) -> [String] {
        fields.filter { $0.0 == name }.map(\.1)
    }

    @Test(arguments: [
        (Logger.Level.trace, "7"), (.debug, "7"), (.info, "6"), (.notice, "5"), (.warning, "4"), (.error, "3"),
        (.critical, "2"),
    ])
    func priorityFollowsSyslog(level: Logger.Level, priority: String) {
        #expect(values(fields(level: level), named: "PRIORITY") == [priority])
    }

    @Test func standardFieldsComeFirstWithTheCallSite() {
        let entry = fields()
        #expect(entry.prefix(6).map(\.0) == ["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "CODE_FILE", "CODE_LINE", "CODE_FUNC"])
        #expect(values(entry, named: "MESSAGE") == ["proxying stream"])
        #expect(values(entry, named: "SYSLOG_IDENTIFIER") == ["ccmimolinkd"])
        #expect(values(entry, named: "CODE_FILE") == ["ProxyServer/StreamPump.swift"])
        #expect(values(entry, named: "CODE_LINE") == ["62"])
        #expect(values(entry, named: "CODE_FUNC") == ["pump(_:)"])
        #expect(values(entry, named: "LOGGER_SOURCE") == ["ProxyServer"])
    }

    @Test func metadataBecomesSortedUppercaseFields() {
        let entry = fields(metadata: ["response_id": "resp_xyz", "upstream.status": .stringConvertible(200)])
        #expect(Array(entry.suffix(2).map(\.0)) == ["RESPONSE_ID", "UPSTREAM_STATUS"])
        #expect(values(entry, named: "RESPONSE_ID") == ["resp_xyz"])
        #expect(values(entry, named: "UPSTREAM_STATUS") == ["200"])
    }

    @Test func everyFieldNameIsValidAndNoneIsTrusted() {
        let entry = fields(metadata: ["_PID": "1", "__REALTIME_TIMESTAMP": "0", "_systemd_unit": "x", "": "dropped"])
        for (name, _) in entry {
            #expect(JournalFieldName.isValid(name), "\(name)")
            #expect(!name.hasPrefix("_"), "\(name)")
        }
        #expect(values(entry, named: "PID") == ["1"])
        #expect(values(entry, named: "REALTIME_TIMESTAMP") == ["0"])
        #expect(!entry.contains { $0.1 == "dropped" })
    }

    @Test func metadataCannotReplaceTheStandardFields() {
        let entry = fields(metadata: ["message": "forged", "priority": "0", "code_line": "1"])
        #expect(values(entry, named: "MESSAGE") == ["proxying stream"])
        #expect(values(entry, named: "PRIORITY") == ["6"])
        #expect(values(entry, named: "CODE_LINE") == ["62"])
        #expect(values(entry, named: "META_MESSAGE") == ["forged"])
        #expect(values(entry, named: "META_PRIORITY") == ["0"])
    }

    @Test func longValuesAreCutToTheBoundAtACharacterBoundary() throws {
        let body = String(repeating: "é", count: 20_000)  // 2 bytes each: 40 000 bytes
        let entry = fields(message: "\(body)", metadata: ["body": "\(body)"])
        for name in ["MESSAGE", "BODY"] {
            let value = try #require(values(entry, named: name).first)
            #expect(value.utf8.count <= JournalFields.defaultValueByteLimit)
            #expect(value.utf8.count > JournalFields.defaultValueByteLimit - 8)
            #expect(value.hasSuffix(JournalFields.truncationMarker))
            #expect(body.hasPrefix(value.dropLast()))
        }
    }

    @Test func shortValuesAndMultilineMessagesAreKeptIntact() {
        let entry = fields(message: "line one\nline two", valueByteLimit: 64)
        #expect(values(entry, named: "MESSAGE") == ["line one\nline two"])
    }
}
