import Systemd
import Glibc

// Prints each inherited listener as one JSON line, e.g. {"fd":3,"name":"http"}, then exits. SystemdTests
// runs it under systemd-socket-activate to check the bindings against a real activation environment.

/// A JSON string literal; names come from the environment, so quotes, backslashes and controls are escaped.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

do {
    for listener in try InheritedListeners.take() {
        print("{\"fd\":\(listener.fd),\"name\":\(jsonString(listener.name))}")
    }
} catch {
    print("{\"error\":\(jsonString(String(describing: error)))}")
    exit(1)
}
