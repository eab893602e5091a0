import Glibc
import Logging
import Systemd
import Testing
import TestSupport

@Suite struct JournalStreamTests {
    /// `<dev>:<ino>` of an open descriptor, as systemd writes JOURNAL_STREAM.
    private func identity(of fd: Int32) throws -> String {
        var status = stat()
        try #require(fstat(fd, &status) == 0)
        return "\(status.st_dev):\(status.st_ino)"
    }

    private func withTemporaryFile(_ body: (Int32) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let fd = open(directory.path + "/stream", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        try body(fd)
    }

    @Test func matchesWhenJournalStreamNamesTheDescriptorsFile() throws {
        try withTemporaryFile { fd in
            let own = try identity(of: fd)
            #expect(JournalStream.isConnected(fileDescriptor: fd, environment: ["JOURNAL_STREAM": own]))
        }
    }

    @Test func doesNotMatchAnotherFile() throws {
        try withTemporaryFile { fd in
            let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
            try #require(null >= 0)
            defer { close(null) }
            let other = try identity(of: null)
            #expect(!JournalStream.isConnected(fileDescriptor: fd, environment: ["JOURNAL_STREAM": other]))
        }
    }

    @Test(arguments: [nil, "", "12", "12:", ":34", "a:b", "1:2:3", "-1:5"] as [String?])
    func missingOrMalformedValuesNeverMatch(value: String?) throws {
        try withTemporaryFile { fd in
            let environment = value.map { ["JOURNAL_STREAM": $0] } ?? [:]
            #expect(!JournalStream.isConnected(fileDescriptor: fd, environment: environment))
        }
    }

    @Test func aClosedDescriptorNeverMatches() throws {
        var identityOfClosed = ""
        try withTemporaryFile { fd in identityOfClosed = try identity(of: fd) }
        // The descriptor number is free again once withTemporaryFile closed it; pick one surely unused.
        #expect(!JournalStream.isConnected(fileDescriptor: 1_000_000, environment: ["JOURNAL_STREAM": identityOfClosed]))
    }

    @Test func handlerChoiceFollowsStandardError() throws {
        let standardError = try identity(of: STDERR_FILENO)
        let connected = ServiceLogHandler.make(
            label: "test", identifier: "ccmimolinkd", environment: ["JOURNAL_STREAM": standardError])
        #expect(connected is JournalLogHandler)
        let detached = ServiceLogHandler.make(label: "test", identifier: "ccmimolinkd", environment: [:])
        #expect(detached is StreamLogHandler)
    }
}
