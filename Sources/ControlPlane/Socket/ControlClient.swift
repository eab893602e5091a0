import Glibc

/// A blocking client for the control socket: one connection per command, one request, one reply.
/// Plain Glibc calls rather than NIO, so `ccmimoctl` stays small and starts fast.
public struct ControlClient: Sendable {
    public let path: String
    /// Bounds the whole exchange: connecting, writing and waiting for the reply.
    public let timeout: Duration

    public init(path: String, timeout: Duration = .seconds(30)) {
        self.path = path
        self.timeout = timeout
    }

    /// Sends `call` and reads the daemon's answer as the call's result type: `send(StatusCall())` is a
    /// `DaemonStatus`, or the daemon's failure.
    public func send<Call: ControlCall>(_ call: Call) throws(ControlClientError) -> ControlOutcome<Call.Result> {
        let deadline = ContinuousClock.now + timeout
        let socket = try connect()
        defer { close(socket) }
        let reply = try exchange(ControlRequest(id: 1, command: call.command), on: socket, until: deadline)
        do {
            return try ControlOutcome(reply, to: call)
        } catch {
            throw .unreadableResult(error)
        }
    }

    /// Writes the request and reads its reply on a connected socket.
    func exchange(_ request: ControlRequest, on socket: Int32, until deadline: ContinuousClock.Instant)
        throws(ControlClientError) -> ControlReply
    {
        var hangUp: ControlClientError?
        do {
            try write(request.encodedLine(), to: socket)
        } catch {
            // A daemon that refuses the peer answers at once and hangs up, so the write can fail before
            // the request is out; that answer is still queued on the socket and says more than EPIPE.
            guard case .io(let code, _) = error, code == EPIPE || code == ECONNRESET else { throw error }
            hangUp = error
        }
        let line: [UInt8]
        do {
            line = try readLine(from: socket, until: deadline)
        } catch {
            throw hangUp ?? error
        }
        let reply: ControlReply
        do {
            reply = try ControlReply.decode(line: line)
        } catch {
            throw .protocolMismatch(error.message)
        }
        // A failure without an id answers a request the daemon could not read (or a refused peer).
        if reply.id != request.id, !(reply.id == nil && Self.isFailure(reply)) {
            throw .protocolMismatch("the reply is for request \(reply.id.map(String.init) ?? "null"), not \(request.id)")
        }
        return reply
    }

    private static func isFailure(_ reply: ControlReply) -> Bool {
        if case .failure = reply { return true }
        return false
    }

    private func connect() throws(ControlClientError) -> Int32 {
        let address: UnixSocketAddress
        do {
            address = try UnixSocketAddress(path: path)
        } catch {
            throw .pathTooLong(error.path, limit: error.limit)
        }
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw .io(errno, "cannot create a Unix socket") }
        // SO_SNDTIMEO bounds a blocking connect (full backlog) and the write.
        var limit = Self.timeval(timeout)
        _ = setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let result = address.withSockaddr { Glibc.connect(socket, $0, $1) }
        if result != 0 {
            let code = errno
            close(socket)
            switch code {
            case ENOENT, ECONNREFUSED: throw .notRunning(path)
            case EACCES, EPERM: throw .permissionDenied(path)
            case EAGAIN, EINPROGRESS, ETIMEDOUT: throw .timedOut
            case ENOTSOCK: throw .io(code, "\(path) is not a socket")
            default: throw .io(code, "cannot connect to \(path)")
            }
        }
        return socket
    }

    private func write(_ bytes: [UInt8], to socket: Int32) throws(ControlClientError) {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a daemon that hangs up must not kill ccmimoctl with SIGPIPE.
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                let code = errno
                switch code {
                case EINTR: continue
                case EAGAIN: throw .timedOut
                case EPIPE, ECONNRESET: throw .io(code, "ccmimolinkd closed the connection before reading the request")
                default: throw .io(code, "cannot send the request")
                }
            }
            offset += written
        }
    }

    private func readLine(from socket: Int32, until deadline: ContinuousClock.Instant) throws(ControlClientError) -> [UInt8] {
        var framer = ControlLineFramer(maxLineLength: ControlProtocol.maxReplyLength)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timedOut }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Self.milliseconds(remaining))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .io(errno, "cannot wait for the reply")
            }
            if ready == 0 { throw .timedOut }
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw .io(code, "cannot read the reply")
            }
            let events = count == 0 ? framer.finish().map { [$0] } ?? [] : framer.receive(buffer[0..<count])
            switch events.first {
            case .line(let line)?: return line
            case .tooLong?: throw .protocolMismatch("the reply is longer than \(ControlProtocol.maxReplyLength) bytes")
            case nil:
                if count == 0 { throw .io(ECONNRESET, "ccmimolinkd closed the connection without answering") }
            }
        }
    }

    private static func timeval(_ duration: Duration) -> Glibc.timeval {
        let microseconds = max(duration.wholeMicroseconds, 0)
        return Glibc.timeval(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
    }

    /// At least 1 ms, so a nearly spent deadline still polls once instead of spinning.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: max(duration.wholeMilliseconds, 1))
    }
}
