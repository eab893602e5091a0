import Glibc
import Systemd
import Testing

extension ProcessEnvironmentTests {
    @Suite struct WatchdogScheduleTests {
        @Test func pingsAtHalfTheTimeoutSystemdSet() {
            setenv("WATCHDOG_USEC", "4000000", 1)
            setenv("WATCHDOG_PID", String(getpid()), 1)
            defer { unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }
            #expect(WatchdogSchedule.current()?.pingInterval == .seconds(2))
        }

        @Test func isOffWithoutWatchdogUsec() {
            unsetenv("WATCHDOG_USEC")
            unsetenv("WATCHDOG_PID")
            #expect(WatchdogSchedule.current() == nil)
        }

        @Test func isOffWhenTheWatchdogBelongsToAnotherProcess() {
            setenv("WATCHDOG_USEC", "4000000", 1)
            setenv("WATCHDOG_PID", String(getpid() + 1), 1)
            defer { unsetenv("WATCHDOG_USEC"); unsetenv("WATCHDOG_PID") }
            #expect(WatchdogSchedule.current() == nil)
        }

        @Test func timeoutArithmetic() {
            #expect(WatchdogSchedule(timeoutMicroseconds: 0) == nil)
            #expect(WatchdogSchedule(timeoutMicroseconds: 30_000_000)?.pingInterval == .seconds(15))
            #expect(WatchdogSchedule(timeoutMicroseconds: 3)?.pingInterval == .microseconds(1))
        }
    }
}
