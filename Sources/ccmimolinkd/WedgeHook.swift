import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Test-only: with `CCMIMOLINK_TEST_WEDGE_ON_SIGUSR2=1`, SIGUSR2 blocks one NIO event loop (for at
/// most ten minutes), so the systemd test can show that the watchdog notices a wedged daemon and
/// systemd restarts it. Without the variable SIGUSR2 keeps its default meaning.
struct WedgeHook: Service {
    static let variable = "CCMIMOLINK_TEST_WEDGE_ON_SIGUSR2"
    let signals: UnixSignalsSequence
    let logger: Logger

    static func make(environment: [String: String], logger: Logger) async -> WedgeHook? {
        guard environment[variable] == "1" else { return nil }
        return WedgeHook(signals: await UnixSignalsSequence(trapping: .sigusr2), logger: logger)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                logger.warning("SIGUSR2 with \(Self.variable)=1: wedging an event loop on purpose")
                MultiThreadedEventLoopGroup.singleton.next().execute {
                    let until = Date().addingTimeInterval(600)
                    while Date() < until { Thread.sleep(forTimeInterval: 1) }
                }
            }
        }
    }
}
