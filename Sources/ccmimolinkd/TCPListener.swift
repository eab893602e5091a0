import Glibc

/// Binds the HTTP listener when systemd did not pass one, so the rest of the daemon has one path:
/// serve an already-listening socket.
enum TCPListener {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A listening, close-on-exec TCP socket on `host:port` (port 0 picks a free one).
    static func bind(host: String, port: Int, backlog: Int32) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &list)
        guard lookup == 0, let first = list else {
            throw Failure(description: "cannot listen on \(host): \(String(cString: gai_strerror(lookup)))")
        }
        defer { freeaddrinfo(list) }

        var lastError: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = errno; continue }
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if info.pointee.ai_family == AF_INET6 {
                _ = setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            if Glibc.bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, backlog) == 0 {
                return fd
            }
            lastError = errno
            close(fd)
        }
        let reason = String(cString: strerror(lastError))
        if lastError == EADDRINUSE {
            throw Failure(description: """
                cannot listen on \(host):\(port): \(reason). Another ccmimolinkd (or its socket unit) may hold the port: \
                check `systemctl --user status ccmimolinkd.socket`, or pick another port with --port / MIMO_PROXY_PORT
                """)
        }
        throw Failure(description: "cannot listen on \(host):\(port): \(reason)")
    }
}
