import Hummingbird
import Logging
import NIOCore
import ResponsesTranslation
import ServiceLifecycle

// MimoSimulatorServer: Xiaomi MiMo's Chat Completions API over HTTP, for tests. Only MiMo is
// simulated; the bridge under test talks to it as it would to MiMo.
//
// Public API
//   RunningMimoSimulator.start(_ options: MimoSimulatorOptions) async throws -> RunningMimoSimulator
//     .port, .host, .rootURL ("http://127.0.0.1:PORT"), .baseURL ("http://127.0.0.1:PORT/v1")
//     .enqueue(_ faults: [SimulatedFault]) async      FIFO, one fault per chat request
//     .clearFaults() async                           also forgets fired `_ONCE` directives
//     .recordedRequests() async -> [JSONValue]       oldest first (as GET /__sim/requests)
//     .clearRecordedRequests() async
//     .stop() async                                  ends stalls, shuts down gracefully, waits
//     .waitUntilStopped() async
//   MimoSimulatorOptions { mode: .standard | .tokenPlan, host, port, chunkDelay, limits }
//   SimulatedFault { .status, .quotaExhausted, .disconnect(after:), .stall(_:phase:), .errorFrame, .garbageLine, .oversizedLine }
//
// HTTP
//   POST {"", /v1, /<segment>, /<segment>/v1}/chat/completions   MiMo: auth → validation → scripted reply
//   GET  {same bases}/models
//   GET  /__sim/health            {"status":"ok","mode":…,"pending_faults":…,"recorded_requests":…,"active_stalls":…}
//   POST /__sim/faults            {"faults":[{"kind":"status"|"quota"|"disconnect"|"stall"|"error_frame"|"garbage_line"|"oversized_line",…}]}
//   DELETE /__sim/faults
//   GET  /__sim/requests          [{"path","model","stream","auth_header","key":"sk-…","status","body"}]
//   DELETE /__sim/requests
//
// The reply vocabulary is documented on `ScriptedBrain` and `BrainDirective`, the fault tokens on
// `FaultDirectives`.

/// A simulated MiMo server listening on loopback. Stop it with `stop()`; it keeps running otherwise.
public final class RunningMimoSimulator: Sendable {
    public let host: String
    public let port: Int
    public let options: MimoSimulatorOptions
    let state: SimulatorState
    private let services: ServiceGroup
    private let serverTask: Task<Void, Never>
    /// A graceful shutdown waits for in-flight answers; past this, they are cancelled.
    static let shutdownGrace: Duration = .seconds(10)

    /// `http://127.0.0.1:PORT` (IPv6 hosts in brackets).
    public var rootURL: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
    /// The OpenAI-compatible base URL a bridge is configured with, like `https://api.xiaomimimo.com/v1`.
    public var baseURL: String { rootURL + "/v1" }

    private init(host: String, port: Int, options: MimoSimulatorOptions, state: SimulatorState, services: ServiceGroup,
                 serverTask: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.options = options
        self.state = state
        self.services = services
        self.serverTask = serverTask
    }

    /// Binds and starts serving; returns once the server is listening.
    public static func start(_ options: MimoSimulatorOptions = MimoSimulatorOptions()) async throws -> RunningMimoSimulator {
        guard MimoSimulatorOptions.isLoopback(options.host) else { throw MimoSimulatorStartError.nonLoopbackHost(options.host) }
        guard (0...65_535).contains(options.port) else { throw MimoSimulatorStartError.invalidPort(options.port) }
        let state = SimulatorState(maxRecordedRequests: options.maxRecordedRequests, maxRecordedBodyBytes: options.maxRecordedBodyBytes,
                                   lineup: options.lineup)
        // Logs go to stderr, so the executable's first stdout line stays its "listening on" line.
        var logger = Logger(label: "mimo-simulator") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning

        let (startupEvents, announce) = AsyncStream.makeStream(of: StartupEvent.self, bufferingPolicy: .bufferingNewest(4))
        let application = Application(
            router: SimulatorRouter.make(options: options, state: state),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in announce.yield(.listening(port: channel.localAddress?.port ?? options.port)) },
            logger: logger)
        let services = ServiceGroup(services: [application], logger: logger)
        let serverTask = Task {
            do {
                try await services.run()
                announce.yield(.stopped(reason: "the server returned"))
            } catch {
                announce.yield(.stopped(reason: String(describing: error)))
            }
            announce.finish()
        }
        for await event in startupEvents {
            switch event {
            case .listening(let port):
                return RunningMimoSimulator(
                    host: options.host, port: port, options: options, state: state, services: services, serverTask: serverTask)
            case .stopped(let reason):
                throw MimoSimulatorStartError.serverStopped(reason)
            }
        }
        serverTask.cancel()
        throw MimoSimulatorStartError.serverStopped("cancelled")
    }

    /// Appends to the fault queue; each authenticated chat request takes the next one. The queue holds
    /// at most 1,000 faults; more are dropped.
    public func enqueue(_ faults: [SimulatedFault]) async {
        await state.enqueue(faults)
    }

    /// Empties the fault queue and forgets which `_ONCE` fault directives have fired.
    public func clearFaults() async {
        await state.clearFaults()
    }

    /// The recorded chat requests, oldest first, as `GET /__sim/requests` returns them.
    public func recordedRequests() async -> [JSONValue] {
        await state.recordedRequests()
    }

    public func clearRecordedRequests() async {
        await state.clearRecordedRequests()
    }

    /// Stops serving: stalls end at once, idle connections close, answers in flight may finish (for up to
    /// `shutdownGrace`, then they are cancelled); returns when the server is down.
    public func stop() async {
        await state.beginStopping()
        await services.triggerGracefulShutdown()
        let serverTask = self.serverTask
        let watchdog = Task {
            try await Task.sleep(for: Self.shutdownGrace)
            serverTask.cancel()
        }
        await serverTask.value
        watchdog.cancel()
    }

    /// Returns when the server has stopped, by `stop()` or by failing.
    public func waitUntilStopped() async {
        await serverTask.value
    }

    private enum StartupEvent: Sendable {
        case listening(port: Int)
        case stopped(reason: String)
    }
}
