import Logging
import Systemd
import Testing

@Suite struct JournalLogHandlerTests {
    @Test func keepsLevelAndMetadataLikeAnyHandler() {
        var handler = JournalLogHandler(identifier: "ccmimolinkd", valueByteLimit: 1024)
        handler.logLevel = .debug
        handler[metadataKey: "response_id"] = "resp_1"
        #expect(handler.logLevel == .debug)
        #expect(handler[metadataKey: "response_id"] == "resp_1")
        #expect(handler.identifier == "ccmimolinkd")
        #expect(handler.valueByteLimit == 1024)
    }

    /// Without a journald socket (as in containers) sd_journal_sendv fails; logging must carry on quietly.
    @Test func loggingWithoutJournaldDoesNotCrash() {
        let logger = Logger(label: "test") { _ in JournalLogHandler(identifier: "ccmimolink-tests") }
        logger.info("from SystemdTests", metadata: ["response_id": "resp_test", "body": "two\nlines"])
        logger.critical("critical from SystemdTests")
    }
}
