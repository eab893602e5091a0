import ResponsesTranslation

/// `status`: what the daemon is, where it listens, where it sends requests and what it has done.
public struct DaemonStatus: ControlResultPayload {
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

    public struct Upstream: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("base_url", baseURL)
            w.set("mode", mode)
            w.set("source", source)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "upstream")
            self.init(baseURL: try r.string("base_url"), mode: try r.string("mode"), source: try r.string("source"))
        }
    }

    /// The idle exit: on only when socket-activated. `afterSeconds` is the idle period; `inSeconds` when
    /// the daemon exits if nothing happens (nil while something keeps it awake, named by `busy`).
    public struct IdleExit: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("enabled", enabled)
            w.set("detail", detail)
            w.set("after_seconds", afterSeconds)
            w.set("in_seconds", inSeconds)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "idle_exit")
            self.init(enabled: try r.bool("enabled"), detail: try r.optionalString("detail"),
                      afterSeconds: try r.optionalDouble("after_seconds"), inSeconds: try r.optionalDouble("in_seconds"))
        }
    }

    public struct ActiveModel: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("active", active)
            w.set("source", source)
            w.set("resolution", resolution)
            w.set("vision", vision)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "model")
            self.init(active: try r.string("active"), source: try r.string("source"),
                      resolution: try r.optionalString("resolution"), vision: try r.optionalString("vision") ?? "")
        }
    }

    public struct Store: ControlResultPayload {
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

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("path", path)
            w.set("responses", responses)
            w.set("bytes", bytes)
            w.set("max_responses", maxResponses)
            w.set("max_bytes", maxBytes)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "store")
            self.init(path: try r.string("path"), responses: try r.int("responses"), bytes: try r.int("bytes"),
                      maxResponses: try r.int("max_responses"), maxBytes: try r.int("max_bytes"))
        }
    }

    public struct LastSync: ControlResultPayload {
        /// ISO 8601 UTC, e.g. `2025-06-01T12:00:00Z`.
        public var at: String
        public var ok: Bool
        public var summary: String

        public init(at: String, ok: Bool, summary: String) {
            self.at = at
            self.ok = ok
            self.summary = summary
        }

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("at", at)
            w.set("ok", ok)
            w.set("summary", summary)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "last_sync")
            self.init(at: try r.string("at"), ok: try r.bool("ok"), summary: try r.string("summary"))
        }
    }

    public struct LastError: ControlResultPayload {
        /// ISO 8601 UTC.
        public var at: String?
        public var message: String

        public init(at: String?, message: String) {
            self.at = at
            self.message = message
        }

        public func toJSON() -> JSONValue {
            var w = PayloadWriter()
            w.set("at", at)
            w.set("message", message)
            return w.json
        }

        public init(json: JSONValue) throws(ControlProtocolError) {
            let r = try PayloadReader(json, context: "last_error")
            self.init(at: try r.optionalString("at"), message: try r.string("message"))
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

    public func toJSON() -> JSONValue {
        var w = PayloadWriter()
        w.set("version", version)
        w.set("pid", pid)
        w.set("uptime_seconds", uptimeSeconds)
        w.set("http_listeners", httpListeners)
        w.set("control_socket", controlSocket)
        w.set("socket_activated", socketActivated)
        w.set("upstream", upstream.toJSON())
        w.set("model", model.toJSON())
        w.set("in_flight", inFlight)
        w.set("served", served)
        w.set("store", store)
        w.set("last_sync", lastSync)
        w.set("last_error", lastError)
        w.set("watchdog_seconds", watchdogSeconds)
        w.set("idle_exit", idleExit)
        w.set("sync_record_problem", syncRecordProblem)
        w.set("usage_today", usageToday)
        return w.json
    }

    public init(json: JSONValue) throws(ControlProtocolError) {
        let r = try PayloadReader(json, context: "status")
        self.init(
            version: try r.string("version"), pid: try r.int("pid"), uptimeSeconds: try r.double("uptime_seconds"),
            httpListeners: try r.strings("http_listeners"), controlSocket: try r.string("control_socket"),
            socketActivated: try r.bool("socket_activated"),
            upstream: try r.payload("upstream"), model: try r.payload("model"),
            inFlight: try r.int("in_flight"), served: try r.int("served"),
            store: try r.optionalPayload("store"), lastSync: try r.optionalPayload("last_sync"),
            lastError: try r.optionalPayload("last_error"),
            watchdogSeconds: try r.optionalDouble("watchdog_seconds"),
            idleExit: try r.optionalPayload("idle_exit"),
            syncRecordProblem: try r.optionalString("sync_record_problem"),
            usageToday: try r.optionalPayload("usage_today"))
    }
}
