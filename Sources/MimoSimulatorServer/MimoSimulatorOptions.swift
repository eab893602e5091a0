/// Which MiMo plan the simulator stands for. It decides which key prefix is refused with 401, as MiMo's
/// gateways refuse a key of the other plan (mimo-api.md §1).
public enum MimoSimulatorMode: String, Sendable, CaseIterable {
    /// `api.xiaomimimo.com`: refuses Token Plan keys (`tp-…`, `ttp-…`).
    case standard
    /// `token-plan-*.xiaomimimo.com`: refuses pay-as-you-go keys (`sk-…`).
    case tokenPlan = "token-plan"

    /// Reads a mode name: `standard`, `token-plan`, or a cluster name such as `token-plan-sgp` (the
    /// simulator does not model clusters, so every Token Plan cluster behaves alike).
    public init?(name: String) {
        if name == "standard" {
            self = .standard
        } else if name == "token-plan" || name.hasPrefix("token-plan-") {
            self = .tokenPlan
        } else {
            return nil
        }
    }
}

import MimoSimulator

/// How to run a simulated MiMo server.
public struct MimoSimulatorOptions: Sendable {
    public var mode: MimoSimulatorMode = .standard
    /// Only a loopback address is accepted: `127.0.0.1` or `::1`.
    public var host = "127.0.0.1"
    /// 0 lets the system pick a free port; `RunningMimoSimulator.port` tells which.
    public var port = 0
    /// A pause between streamed chunks, to make streams observable in real time. Zero by default.
    public var chunkDelay: Duration = .zero
    /// Recording keeps the newest requests within both limits.
    public var maxRecordedRequests = 500
    public var maxRecordedBodyBytes = 128 << 20
    /// Larger request bodies are answered 413 (Codex histories with images reach several MB).
    public var maxRequestBodyBytes = 64 << 20
    /// The longest a stall fault may hold a request, whatever it asks for.
    public var maxStall: Duration = .seconds(300)
    /// The models served at start; `POST /__sim/models` changes them at run time.
    public var lineup = SimulatedModelLineup()

    public init(mode: MimoSimulatorMode = .standard, host: String = "127.0.0.1", port: Int = 0, chunkDelay: Duration = .zero) {
        self.mode = mode
        self.host = host
        self.port = port
        self.chunkDelay = chunkDelay
    }

    /// Whether `host` is one the simulator may bind: loopback only, so a test server is never reachable
    /// from elsewhere.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1"
    }
}

/// Why the simulator could not start.
public enum MimoSimulatorStartError: Error, Sendable, CustomStringConvertible {
    case nonLoopbackHost(String)
    case invalidPort(Int)
    /// The server stopped before it was listening, e.g. the port was taken.
    case serverStopped(String)

    public var description: String {
        switch self {
        case .nonLoopbackHost(let host): "refusing to bind \(host): only 127.0.0.1 or ::1 are allowed"
        case .invalidPort(let port): "invalid port \(port): use 0-65535"
        case .serverStopped(let reason): "the simulator stopped before listening: \(reason)"
        }
    }
}
