import ArgumentParser
import ControlPlane

/// Options every daemon-facing subcommand shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("socket"), help: ArgumentHelp(
        "The control socket (default: $CCMIMOLINK_CONTROL_SOCKET, else $XDG_RUNTIME_DIR/ccmimolink/control.sock).",
        valueName: "path"))
    var socketPath: String?

    @Flag(help: "Print the daemon's answer as JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("How long to wait for the daemon's answer.", valueName: "seconds"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    var resolvedSocketPath: String {
        ControlSocketPath.resolve(explicit: socketPath, environment: ControlSocketPath.processEnvironment())
    }
}
