import Foundation
import Logging
@testable import Systemd
import Synchronization
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

    /// Every log statement becomes one entry with the message, the priority, the identifier and the
    /// metadata as fields (the statement's own metadata winning over the handler's), and a journald that
    /// refuses entries is not the caller's problem: logging goes on.
    @Test func eachStatementIsOneEntryAndARefusingJournaldIsNotFatal() {
        let sent = Mutex<[[String: String]]>([])
        var handler = JournalLogHandler(identifier: "ccmimolink-tests", valueByteLimit: 1024) { fields in
            sent.withLock { $0.append(Dictionary(fields, uniquingKeysWith: { first, _ in first })) }
            return false  // journald away
        }
        handler[metadataKey: "response_id"] = "resp_handler"
        let logger = Logger(label: "test") { _ in handler }
        logger.info("from SystemdTests", metadata: ["response_id": "resp_test", "body": "two\nlines"])
        logger.critical("critical from SystemdTests")
        let entries = sent.withLock { $0 }
        #expect(entries.count == 2)
        #expect(entries.first?["MESSAGE"] == "from SystemdTests")
        #expect(entries.first?["PRIORITY"] == "6")
        #expect(entries.first?["RESPONSE_ID"] == "resp_test")
        #expect(entries.first?["BODY"] == "two\nlines")
        #expect(entries.first?["SYSLOG_IDENTIFIER"] == "ccmimolink-tests")
        #expect(entries.last?["PRIORITY"] == "2" && entries.last?["RESPONSE_ID"] == "resp_handler")
    }
}
