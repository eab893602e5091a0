import ConfigSync
import DaemonConfiguration
import Glibc
import Logging
import ProxyServer
import ServiceLifecycle
import Systemd

/// The sockets the daemon serves: inherited from systemd by name (`http`, `control`) when socket
/// activated, bound here otherwise. After this point there is one code path: serve a listening fd.
struct DaemonListeners {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// HTTP listeners with unique readiness names (`http#0`, …).
    var http: [(fd: Int32, name: String)] = []
    var httpURLs: [String] = []
    var control: Int32?
    var controlPath: String?
    /// True when this process bound the control socket (and so removes its file at exit).
    var controlBoundHere = false
    var activated = false

    var names: Set<String> {
        Set(http.map(\.name) + (control == nil ? [] : ["control"]))
    }

    /// The URL a cc-switch sync writes for Codex: the first HTTP listener's.
    var syncURL: String { httpURLs.first ?? SyncOptions.daemonURL(port: SyncOptions.defaultPort) }

    static func open(settings: DaemonSettings, logger: Logger) throws(Failure) -> DaemonListeners {
        var listeners = DaemonListeners()
        let inherited: [InheritedListener]
        do {
            inherited = try InheritedListeners.take()
        } catch {
            throw Failure(description: "socket activation variables are malformed: \(error)")
        }
        listeners.activated = !inherited.isEmpty
        for listener in inherited {
            switch listener.name {
            case InheritedListeners.networkFallbackName:
                listeners.http.append((listener.fd, "http#\(listeners.http.count)"))
            case InheritedListeners.unixFallbackName where listeners.control == nil:
                listeners.control = listener.fd
                listeners.controlPath = SocketAddressText.unixPath(of: listener.fd)
            default:
                logger.warning("ignoring an inherited socket with an unknown name",
                               metadata: ["fd": "\(listener.fd)", "name": "\(listener.name)"])
                close(listener.fd)
            }
        }
        if listeners.http.isEmpty {
            do {
                let fd = try TCPListener.bind(host: settings.listen, port: settings.port, backlog: 4096)
                listeners.http.append((fd, "http#0"))
            } catch {
                throw Failure(description: error.description)
            }
        }
        listeners.httpURLs = listeners.http.map { SocketAddressText.httpURL(of: $0.fd, fallbackHost: settings.listen, fallbackPort: settings.port) }
        if listeners.control == nil {
            listeners.bindControl(path: settings.controlSocketPath, logger: logger)
        }
        return listeners
    }
}
