import ControlPlane
import Glibc
import Logging
import NIOCore
import NIOPosix
import ResponsesTranslation
import ServiceLifecycle

/// Serves the control protocol on an already-listening Unix socket: one from systemd
/// (`ccmimolinkd-control.socket`) or one made by `UnixListener.bind`. One code path for both.
///
/// Each connection is checked with SO_PEERCRED (same uid as the daemon, or root), then read as lines;
/// each line gets exactly one reply, in order. Bad lines get error replies and the connection stays
/// open; idle connections are closed after `idleTimeout`.
public struct ControlSocketServer: Sendable {
    let listeningFD: Int32
    let handler: any ControlCommandHandler
    let logger: Logger
    let idleTimeout: TimeAmount
    let daemonUID: UInt32
    /// Told when a client connects (`true`) and leaves (`false`): the idle exit waits for clients.
    let onConnection: @Sendable (Bool) -> Void

    public init(listeningFD: Int32, handler: some ControlCommandHandler, logger: Logger,
                idleTimeout: Duration = .seconds(300), onConnection: @escaping @Sendable (Bool) -> Void = { _ in }) {
        self.listeningFD = listeningFD
        self.handler = handler
        self.logger = logger
        self.idleTimeout = TimeAmount(idleTimeout)
        self.daemonUID = getuid()
        self.onConnection = onConnection
    }

    /// Serves until the task is cancelled or graceful shutdown begins; `onReady` runs once the
    /// socket is adopted. The fd is closed when this returns.
    public func run(onReady: @Sendable () async -> Void = {}) async throws {
        let idleTimeout = self.idleTimeout
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            // Replies are written after the client half-closes (e.g. `echo … | socat - UNIX:…`).
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(listeningFD, cleanupExistingSocketFile: false) { channel in
                Self.credentials(of: channel).flatMapThrowing { credentials in
                    try channel.pipeline.syncOperations.addHandlers(
                        IdleStateHandler(readTimeout: idleTimeout), IdleConnectionCloser())
                    return ControlConnection(
                        peer: credentials.peer,
                        channel: try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel))
                }
            }
        await onReady()
        // Shutdown cancels open connections too: a control command in progress is abandoned rather than
        // holding up the daemon's exit.
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        onConnection(true)
                        group.addTask {
                            defer { onConnection(false) }
                            await serve(connection)
                        }
                    }
                }
            }
        }
    }

    private static func credentials(of channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
    }

    private func serve(_ connection: ControlConnection) async {
        let peer = connection.peer
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                guard peer.isPermitted(daemonUID: daemonUID) else {
                    logger.warning("control connection refused", metadata: [
                        "peer_pid": "\(peer.pid)", "peer_uid": "\(peer.uid)",
                    ])
                    let refusal = ControlReply.failure(id: nil, ControlFailure(
                        code: .notPermitted,
                        message: "uid \(peer.uid) may not control this ccmimolinkd (it runs as uid \(daemonUID))",
                        hint: "run ccmimoctl as the user that runs ccmimolinkd"))
                    // Through the channel, to wait until the reply is written before closing.
                    try await connection.channel.channel.writeAndFlush(ByteBuffer(bytes: refusal.encodedLine()))
                    return
                }
                var framer = ControlLineFramer()
                for try await chunk in inbound {
                    for event in framer.receive(chunk.readableBytesView) {
                        try await answer(event, peer: peer, outbound: outbound)
                    }
                }
                if let last = framer.finish() { try await answer(last, peer: peer, outbound: outbound) }
            }
        } catch {
            // A vanished client is routine; nothing here may stop the server.
            logger.debug("control connection ended", metadata: ["peer_pid": "\(peer.pid)", "error": "\(error)"])
        }
    }

    private func answer(_ event: ControlLineFramer.Event, peer: ControlPeer,
                        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws {
        let reply: ControlReply
        switch ControlSession.step(for: event) {
        case .ignore:
            return
        case .reply(let error):
            if case .failure(_, let failure) = error {
                logger.debug("control request rejected", metadata: [
                    "peer_pid": "\(peer.pid)", "code": "\(failure.code.rawValue)", "reason": "\(failure.message)",
                ])
            }
            reply = error
        case .run(let request):
            logger.debug("control command", metadata: [
                "command": "\(request.command.wireName)", "request_id": "\(request.id)", "peer_pid": "\(peer.pid)",
            ])
            reply = await handler.reply(to: request, from: peer)
        }
        try await outbound.write(ByteBuffer(bytes: reply.encodedLine()))
    }
}

/// An accepted connection and who opened it.
struct ControlConnection: Sendable {
    let peer: ControlPeer
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
}
