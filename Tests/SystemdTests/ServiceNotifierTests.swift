import Glibc
import Systemd
import Testing

extension ProcessEnvironmentTests {
    @Suite struct ServiceNotifierTests {
        @Test func readyWithStatusSendsBothAssignmentsInOneDatagram() throws {
            let capture = try NotifySocketCapture()
            #expect(ServiceNotifier().isSupervised)
            #expect(ServiceNotifier().ready(status: "serving"))
            #expect(capture.receive() == "READY=1\nSTATUS=serving")
        }

        @Test func readyWithoutStatusSendsOnlyReady() throws {
            let capture = try NotifySocketCapture()
            #expect(ServiceNotifier().ready())
            #expect(capture.receive() == "READY=1")
        }

        @Test func statusKeepsOnlyTheFirstLine() throws {
            let capture = try NotifySocketCapture()
            #expect(ServiceNotifier().status("3 in flight\nREADY=1"))
            #expect(capture.receive() == "STATUS=3 in flight")
        }

        @Test func reloadingCarriesTheCurrentMonotonicTime() throws {
            let capture = try NotifySocketCapture()
            let before = monotonicMicroseconds()
            #expect(ServiceNotifier().reloading())
            let after = monotonicMicroseconds()
            let datagram = try #require(capture.receive())
            let lines = datagram.split(separator: "\n", omittingEmptySubsequences: false)
            try #require(lines.count == 2, "got \(datagram.debugDescription)")
            #expect(lines[0] == "RELOADING=1")
            #expect(lines[1].hasPrefix("MONOTONIC_USEC="))
            let digits = lines[1].dropFirst("MONOTONIC_USEC=".count)
            #expect(!digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber })
            let stamp = try #require(UInt64(digits))
            #expect((before...after).contains(stamp))
        }

        @Test func stoppingAndWatchdogPing() throws {
            let capture = try NotifySocketCapture()
            #expect(ServiceNotifier().stopping(status: "shutting down"))
            #expect(capture.receive() == "STOPPING=1\nSTATUS=shutting down")
            #expect(ServiceNotifier().watchdogPing())
            #expect(capture.receive() == "WATCHDOG=1")
        }

        @Test func withoutNotifySocketEveryCallIsANoOpReturningFalse() {
            unsetenv("NOTIFY_SOCKET")
            let notifier = ServiceNotifier()
            #expect(!notifier.isSupervised)
            #expect(!notifier.ready(status: "serving"))
            #expect(!notifier.status("x"))
            #expect(!notifier.reloading())
            #expect(!notifier.stopping())
            #expect(!notifier.watchdogPing())
        }

        @Test func anUnreachableNotifySocketReturnsFalseInsteadOfCrashing() throws {
            setenv("NOTIFY_SOCKET", "/nonexistent/ccmimolink/notify.sock", 1)
            defer { unsetenv("NOTIFY_SOCKET") }
            #expect(!ServiceNotifier().ready())
        }

        private func monotonicMicroseconds() -> UInt64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        }
    }
}
