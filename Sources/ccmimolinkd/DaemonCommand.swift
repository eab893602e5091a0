import ArgumentParser
import DaemonConfiguration
import Foundation
import Logging
import NIOCore

/// `ccmimolinkd`: serves the OpenAI Responses API on 127.0.0.1:9876 and translates to Xiaomi MiMo.
/// Every option has an environment variable and a config.toml key; flags win over the environment,
/// which wins over the file (`--print-config` shows each value and where it came from).
@main
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccmimolinkd",
        abstract: "Serve the OpenAI Responses API for Codex and translate it to Xiaomi MiMo.",
        discussion: """
            Point Codex at http://127.0.0.1:9876/v1 (wire_api = "responses"). Settings come from flags, then \
            environment variables (MIMO_API_KEY, MIMO_MODE, MIMO_MODEL, MIMO_PROXY_PORT, …), then \
            $XDG_CONFIG_HOME/ccmimolink/config.toml. Run with --print-config to see every effective value \
            and its source. The MiMo key is taken from each request's Authorization header, else \
            $CREDENTIALS_DIRECTORY/mimo-api-key, else MIMO_API_KEY; it is never logged.

            Models follow what MiMo serves: its model list (GET /models) is read at start, on reload, \
            once a day and after MiMo refused a model, and kept in the state directory. Text requests \
            go to --model (default mimo-v2.6-pro), turns with images the model refuses to \
            --vision-model (default mimo-v2.6-flash). A retired name (mimo-v2.5-pro, mimo-v2.5) goes to \
            its successor unless MiMo still serves it; a refused model is replaced once before the \
            answer starts. `ccmimoctl models` lists what MiMo serves.

            Started by its sockets (systemctl --user enable --now ccmimolinkd.socket), the daemon exits \
            after --idle-exit-minutes (default 15) with no request, stream, open connection, ccmimoctl \
            client or 429 backoff window, and the next connection starts it again; nothing is lost, \
            since the pinned model, the response store, the sync record and the usage ledger are on \
            disk. Started any other way it never exits on its own.
            """)

    @Option(help: "Address to listen on (loopback unless --allow-non-loopback).") var listen: String?
    @Option(help: "TCP port (0 picks a free one and prints it).") var port: String?
    @Flag(name: .customLong("allow-non-loopback"), help: "Allow listening on a non-loopback address.") var allowNonLoopback = false
    @Option(help: "MiMo plan and region: standard, token-plan-cn, token-plan-sgp, token-plan-ams.") var mode: String?
    @Option(name: .customLong("base-url"), help: "MiMo OpenAI-compatible base URL (overrides --mode's host).") var baseURL: String?
    @Option(help: "Model for requests that name no MiMo model (default mimo-v2.6-pro; short names such as v2.6-pro, pro or flash work; a retired id goes to its successor).") var model: String?
    @Option(name: .customLong("vision-model"), help: "Model for turns with images when the text model takes none (default mimo-v2.6-flash).") var visionModel: String?
    @Flag(name: .customLong("v2.5-pro"), help: "Shorthand for --model mimo-v2.5-pro, which is retired: requests go to its successor, mimo-v2.6-pro.") var v25pro = false
    @Option(name: .customLong("max-concurrent"), help: "Most MiMo requests in flight at once.") var maxConcurrent: String?
    @Option(name: .customLong("max-waiting"), help: "Requests that may queue for a MiMo slot; more get 503 with Retry-After.") var maxWaiting: String?
    @Option(name: .customLong("min-interval-ms"), help: "Least time between the starts of two MiMo requests.") var minIntervalMs: String?
    @Option(name: .customLong("backoff-429-ms"), help: "Pause after a 429 that carries no Retry-After.") var backoff429Ms: String?
    @Option(name: .customLong("max-retries"), help: "Retries of a failed MiMo request before the first byte reaches the client.") var maxRetries: String?
    @Option(name: .customLong("keepalive-seconds"), help: "Send a keepalive event after this much upstream silence.") var keepaliveSeconds: String?
    @Option(name: .customLong("max-body-bytes"), help: "Largest accepted request body.") var maxBodyBytes: String?
    @Option(name: .customLong("upstream-connect-timeout-seconds"), help: "Connect timeout towards MiMo.") var connectTimeout: String?
    @Option(name: .customLong("upstream-idle-timeout-seconds"), help: "How long MiMo may stay silent mid-response.") var idleTimeout: String?
    @Option(name: .customLong("max-output-tokens"), help: "max_completion_tokens when the client sets none.") var maxOutputTokens: String?
    @Option(name: .customLong("store-max-responses"), help: "Responses kept in the response store.") var storeMaxResponses: String?
    @Option(name: .customLong("store-max-bytes"), help: "Bytes kept in the response store.") var storeMaxBytes: String?
    @Option(name: .customLong("state-directory"), help: "Where the response store, the usage ledger and the daemon's other state live.") var stateDirectory: String?
    @Option(name: .customLong("recover-text-tool-calls"), help: "Turn tool calls MiMo writes as text into real calls (true/false).") var recoverTextToolCalls: String?
    @Option(name: .customLong("idle-exit-minutes"), help: "When started by its sockets, exit after this many minutes with nothing to do; the next connection starts it again (default 15; 0 never; fractions allowed).") var idleExitMinutes: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String?
    @Flag(name: .customLong("skip-cc-switch-sync"), help: "Do not sync cc-switch and Codex configuration at start or on reload.") var skipSync = false
    @Option(name: .customLong("cc-switch-settings-path"), help: "cc-switch's settings.json (default ~/.cc-switch/settings.json).") var ccSwitchSettingsPath: String?
    @Option(name: .customLong("cc-switch-db-path"), help: "cc-switch's database (default ~/.cc-switch/cc-switch.db).") var ccSwitchDatabasePath: String?
    @Option(name: .customLong("codex-config-path"), help: "Codex's config.toml (default: cc-switch's codexConfigDir, else ~/.codex/config.toml).") var codexConfigPath: String?
    @Option(name: .customLong("control-socket"), help: "The ccmimoctl control socket when not socket-activated (default $XDG_RUNTIME_DIR/ccmimolink/control.sock).") var controlSocket: String?
    @Option(name: .customLong("usage-cost"), help: "Estimate costs in `ccmimoctl usage`: auto (not on a Token Plan, which is paid per plan), on or off.") var usageCost: String?
    @Option(help: ArgumentHelp("Prices per million tokens replacing or adding to Xiaomi's published ones, as a TOML inline table: { \"mimo-v2.6-pro\" = { input = 0.435, cached_input = 0.0036, output = 0.87 } } (in config.toml: [prices.\"<model id>\"] sections).", valueName: "table")) var prices: String?
    @Flag(name: .customLong("sync-only"), help: "Sync cc-switch and Codex configuration once, print what changed, and exit (0 on success).") var syncOnly = false
    @Flag(name: .customLong("dry-run"), help: "With --sync-only: print the diff of what would change and write nothing.") var dryRun = false
    @Flag(name: .customLong("undo"), help: "With --sync-only: restore cc-switch's original route and the Codex entries ccmimolink changed.") var undo = false
    @Option(name: .customLong("config"), help: "Configuration file (default $XDG_CONFIG_HOME/ccmimolink/config.toml).") var configPath: String?
    @Flag(name: .customLong("print-config"), help: "Print every effective setting with its source, then exit.") var printConfig = false

    var flagValues: [String: String] {
        var flags: [String: String] = [:]
        func set(_ name: String, _ value: String?) { if let value { flags[name] = value } }
        set("listen", listen)
        set("port", port)
        if allowNonLoopback { flags["allow-non-loopback"] = "true" }
        set("mode", mode)
        set("base-url", baseURL)
        set("model", model)
        set("vision-model", visionModel)
        if v25pro { flags["v2.5-pro"] = "true" }
        set("max-concurrent", maxConcurrent)
        set("max-waiting", maxWaiting)
        set("min-interval-ms", minIntervalMs)
        set("backoff-429-ms", backoff429Ms)
        set("max-retries", maxRetries)
        set("keepalive-seconds", keepaliveSeconds)
        set("max-body-bytes", maxBodyBytes)
        set("upstream-connect-timeout-seconds", connectTimeout)
        set("upstream-idle-timeout-seconds", idleTimeout)
        set("max-output-tokens", maxOutputTokens)
        set("store-max-responses", storeMaxResponses)
        set("store-max-bytes", storeMaxBytes)
        set("state-directory", stateDirectory)
        set("recover-text-tool-calls", recoverTextToolCalls)
        set("idle-exit-minutes", idleExitMinutes)
        set("log-level", logLevel)
        if skipSync { flags["skip-cc-switch-sync"] = "true" }
        set("cc-switch-settings-path", ccSwitchSettingsPath)
        set("cc-switch-db-path", ccSwitchDatabasePath)
        set("codex-config-path", codexConfigPath)
        set("control-socket", controlSocket)
        set("usage-cost", usageCost)
        set("prices", prices)
        return flags
    }

    func validate() throws {
        if (dryRun || undo) && !syncOnly {
            throw ValidationError("--dry-run and --undo go with --sync-only (or use `ccmimoctl sync --dry-run` / `--undo`).")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // One event loop serves every socket, Codex's and MiMo's: a request and its stream then never
        // hop between I/O threads (docs/PERFORMANCE.md). Large request bodies are parsed on Swift's
        // global pool, so a long history does not hold the loop. NIO_SINGLETON_GROUP_LOOP_COUNT overrides.
        if environment["NIO_SINGLETON_GROUP_LOOP_COUNT"] == nil {
            NIOSingletons.groupLoopCountSuggestion = 1
        }
        let path = configPath ?? ConfigurationFile.defaultPath(environment: environment)
        let contents: String?
        do {
            contents = try ConfigurationFile.load(path: path)
        } catch {
            FileHandle.standardError.write(Data("ccmimolinkd: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
        let (resolved, issues) = ConfigurationResolver.resolve(flags: flagValues, environment: environment,
                                                               file: contents.map { (path: path, contents: $0) })
        for issue in issues { FileHandle.standardError.write(Data("ccmimolinkd: \(issue)\n".utf8)) }
        guard let settings = resolved else {
            FileHandle.standardError.write(Data("ccmimolinkd: not starting: fix the configuration errors above.\n".utf8))
            throw ExitCode(78)
        }
        if printConfig {
            print(ConfigurationReport.render(settings))
            return
        }
        if syncOnly {
            let code = await SyncOnlyCommand.run(settings: settings, environment: environment, dryRun: dryRun, undo: undo)
            throw ExitCode(code)
        }
        let configuration = ConfigurationSource(flags: flagValues, environment: environment, path: path)
        try await Daemon(settings: settings, configuration: configuration, environment: environment).run()
    }
}
