/// `status`: what the daemon is, where it listens, where it sends requests and what it has done.
public struct DaemonStatus: Codable, Sendable, Equatable {
    public var version: String
    public var pid: Int
    public var uptimeSeconds: Double
    /// Base URLs Codex can use, e.g. `http://127.0.0.1:9876/v1`.
    public var httpListeners: [String]
    public var controlSocket: String
    public var socketActivated: Bool
    public var upstream: Upstream
    public var model: ActiveModel
    public var inFlight: Int
    public var served: Int
    /// Nil when responses are kept in memory only.
    public var store: Store?
    public var lastSync: LastSync?
    public var lastError: LastError?
    /// The systemd watchdog interval, when systemd asked for one.
    public var watchdogSeconds: Double?
    /// Whether and when the daemon exits when idle.
    public var idleExit: IdleExit?
    /// Why ccmimolink's sync record cannot be read (the upstream is then the last known one); nil
    /// when it is fine.
    public var syncRecordProblem: String?
    /// All models' usage today (local day) from the usage ledger, costs as `usage` shows them.
    public var usageToday: UsageReport.Counts?

    public struct Upstream: Codable, Sendable, Equatable {
        public var baseURL: String
        /// standard, token-plan-cn, token-plan-sgp, token-plan-ams.
        public var mode: String
        /// Where the base URL came from: "cc-switch", "config", "default", …
        public var source: String

        public init(baseURL: String, mode: String, source: String) {
            self.baseURL = baseURL
            self.mode = mode
            self.source = source
        }
    }

    /// The idle exit: on only when socket-activated. `afterSeconds` is the idle period; `inSeconds` when
    /// the daemon exits if nothing happens (nil while something keeps it awake, named by `busy`).
    public struct IdleExit: Codable, Sendable, Equatable {
        public var enabled: Bool
        /// Why it is off, or what keeps the daemon awake.
        public var detail: String?
        public var afterSeconds: Double?
        public var inSeconds: Double?

        public init(enabled: Bool, detail: String? = nil, afterSeconds: Double? = nil, inSeconds: Double? = nil) {
            self.enabled = enabled
            self.detail = detail
            self.afterSeconds = afterSeconds
            self.inSeconds = inSeconds
        }
    }

    public struct ActiveModel: Codable, Sendable, Equatable {
        /// The id text requests go to.
        public var active: String
        public var source: String
        /// How the chosen name became `active`: `v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro`.
        public var resolution: String
        /// The same for requests with images.
        public var vision: String

        public init(active: String, source: String, resolution: String? = nil, vision: String = "") {
            self.active = active
            self.source = source
            self.resolution = resolution ?? active
            self.vision = vision
        }

        /// Daemons before `resolution` and `vision` existed sent neither: the id is then its own
        /// resolution, and no model for images is named.
        public init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            self.init(active: try fields.decode(String.self, forKey: .active), source: try fields.decode(String.self, forKey: .source),
                      resolution: try fields.decodeIfPresent(String.self, forKey: .resolution),
                      vision: try fields.decodeIfPresent(String.self, forKey: .vision) ?? "")
        }
    }

    public struct Store: Codable, Sendable, Equatable {
        public var path: String
        public var responses: Int
        public var bytes: Int
        public var maxResponses: Int
        public var maxBytes: Int

        public init(path: String, responses: Int, bytes: Int, maxResponses: Int, maxBytes: Int) {
            self.path = path
            self.responses = responses
            self.bytes = bytes
            self.maxResponses = maxResponses
            self.maxBytes = maxBytes
        }
    }

    public struct LastSync: Codable, Sendable, Equatable {
        /// ISO 8601 UTC, e.g. `2025-06-01T12:00:00Z`.
        public var at: String
        public var ok: Bool
        public var summary: String

        public init(at: String, ok: Bool, summary: String) {
            self.at = at
            self.ok = ok
            self.summary = summary
        }
    }

    public struct LastError: Codable, Sendable, Equatable {
        /// ISO 8601 UTC.
        public var at: String?
        public var message: String

        public init(at: String?, message: String) {
            self.at = at
            self.message = message
        }
    }

    public init(version: String, pid: Int, uptimeSeconds: Double, httpListeners: [String], controlSocket: String,
                socketActivated: Bool, upstream: Upstream, model: ActiveModel, inFlight: Int, served: Int,
                store: Store?, lastSync: LastSync? = nil, lastError: LastError? = nil, watchdogSeconds: Double? = nil,
                idleExit: IdleExit? = nil,
                syncRecordProblem: String? = nil, usageToday: UsageReport.Counts? = nil) {
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.httpListeners = httpListeners
        self.controlSocket = controlSocket
        self.socketActivated = socketActivated
        self.upstream = upstream
        self.model = model
        self.inFlight = inFlight
        self.served = served
        self.store = store
        self.lastSync = lastSync
        self.lastError = lastError
        self.watchdogSeconds = watchdogSeconds
        self.idleExit = idleExit
        self.syncRecordProblem = syncRecordProblem
        self.usageToday = usageToday
    }
}
