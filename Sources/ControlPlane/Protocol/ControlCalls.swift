// Every command with its result type; docs/control-protocol.md has the same table.

/// `status` → what the daemon is, where it listens and what it has done.
public struct StatusCall: ControlCall {
    public typealias Result = DaemonStatus
    public init() {}
    public var command: ControlCommand { .status }
}

/// `health` → each check and whether all passed; `probe` also asks MiMo.
public struct HealthCall: ControlCall {
    public typealias Result = HealthReport
    public var probe: Bool
    public init(probe: Bool = false) { self.probe = probe }
    public var command: ControlCommand { .health(probe: probe) }
}

/// `sync` → what was, or would be, changed in cc-switch and Codex.
public struct SyncCall: ControlCall {
    public typealias Result = SyncResult
    public var dryRun: Bool
    public var undo: Bool
    public var providerID: String?

    public init(dryRun: Bool = false, undo: Bool = false, providerID: String? = nil) {
        self.dryRun = dryRun
        self.undo = undo
        self.providerID = providerID
    }

    public var command: ControlCommand { .sync(dryRun: dryRun, undo: undo, providerID: providerID) }
}

/// `model` → the model requests go to, after showing, selecting or resetting it.
public struct ModelCall: ControlCall {
    public typealias Result = ModelState
    public var action: ControlCommand.ModelAction
    public init(_ action: ControlCommand.ModelAction = .show) { self.action = action }
    public var command: ControlCommand { .model(action) }
}

/// `models` → what the upstream serves; `refresh` reads its list again first.
public struct ModelsCall: ControlCall {
    public typealias Result = ModelsReport
    public var refresh: Bool
    public init(refresh: Bool = false) { self.refresh = refresh }
    public var command: ControlCommand { .models(refresh: refresh) }
}

/// `drain` → what emptying the response store removed.
public struct DrainCall: ControlCall {
    public typealias Result = DrainResult
    public init() {}
    public var command: ControlCommand { .drain }
}

/// `store` → the response store's size, bounds and age.
public struct StoreCall: ControlCall {
    public typealias Result = StoreStatus
    public init() {}
    public var command: ControlCommand { .store }
}

/// `reload` → which settings took effect, and the sync it ran.
public struct ReloadCall: ControlCall {
    public typealias Result = ReloadResult
    public init() {}
    public var command: ControlCommand { .reload }
}

/// `usage` → tokens and costs per period, and per day for the last `days` days (0: none).
public struct UsageCall: ControlCall {
    public typealias Result = UsageReport
    public var days: Int
    public init(days: Int = 0) { self.days = days }
    public var command: ControlCommand { .usage(days: days) }
}
