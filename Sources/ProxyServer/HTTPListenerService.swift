import Glibc
import Hummingbird
import HummingbirdCore
import Logging
import MimoUpstream
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves a Hummingbird responder on a socket that is already listening: one systemd passed in
/// (socket activation) or one the daemon bound itself. Hummingbird's own server can only bind
/// addresses, so this ~60-line service is the one code path for both cases.
///
/// On graceful shutdown it stops accepting, closes idle keep-alive connections and lets requests
/// in flight (SSE streams included) finish; the service group bounds how long that may take.
public struct HTTPListenerService<Responder: HTTPResponder>: Service where Responder.Context == BasicRequestContext {
    /// The listen backlog systemd's socket units use; NIO's adoption path would cut it to 128.
    public static var backlog: Int32 { 4096 }

    let listeningFD: Int32
    let responder: Responder
    let logger: Logger
    /// Counts open connections (the idle exit waits for Codex to close its keep-alive ones).
    let activity: ProxyActivity?
    let onReady: @Sendable (SocketAddress?) async -> Void

    public init(listeningFD: Int32, responder: Responder, logger: Logger, activity: ProxyActivity? = nil,
                onReady: @escaping @Sendable (SocketAddress?) async -> Void = { _ in }) {
        self.listeningFD = listeningFD
        self.responder = responder
        self.logger = logger
        self.activity = activity
        self.onReady = onReady
    }

    public func run() async throws {
        let responder = self.responder
        let logger = self.logger
        let activity = self.activity
        let http = HTTP1Channel(responder: { request, writer, channel in
            let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
            let response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch let error as HTTPParserError {
                throw error
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                logger.error("unhandled error answering a request", metadata: ["error": "\(error)"])
                response = Response(status: .internalServerError)
            }
            try await writer.write(response: response.head, body: response.body)
        }, configuration: .init(additionalChannelHandlers: [ResponseWriteCoalescer()]))
        let group = MultiThreadedEventLoopGroup.singleton
        let quiescing = ServerQuiescingHelper(group: group)
        let server = try await ServerBootstrap(group: group)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            // NIO sets TCP_NODELAY on the listening socket only, and Linux does not pass it on to the
            // sockets accept() returns. With Nagle on, a stream's second write waits for Codex's ACK
            // of the first, which a keep-alive client delays up to 40 ms.
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .bind(listeningFD, cleanupExistingSocketFile: false) { channel in
                http.setup(channel: channel, logger: logger).flatMapThrowing { connection in
                    let coalescer = try channel.pipeline.syncOperations.handler(type: ResponseWriteCoalescer.self)
                    return (connection, NIOLoopBound(coalescer, eventLoop: channel.eventLoop))
                }
            }
        _ = Glibc.listen(listeningFD, Self.backlog)
        await onReady(server.channel.localAddress)

        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { connections in
                do {
                    try await server.executeThenClose { inbound in
                        for try await (connection, coalescer) in inbound {
                            // Each connection is served on the loop that owns its socket: no thread
                            // hand-off between reading a request, answering it and streaming the answer.
                            let executor = EventLoopTaskExecutor(connection.channel.eventLoop)
                            activity?.connectionOpened()
                            connections.addTask(executorPreference: executor) {
                                defer { activity?.connectionClosed() }
                                await ConnectionAffinity.$executor.withValue(executor) {
                                    await ResponseWriteCoalescer.$current.withValue(coalescer) {
                                        await http.handle(value: connection, logger: logger)
                                    }
                                }
                            }
                        }
                    }
                } catch {
                    logger.error("listener failed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            quiescing.initiateShutdown(promise: nil)
        }
    }
}
