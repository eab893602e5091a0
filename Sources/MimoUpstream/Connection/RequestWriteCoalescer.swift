import NIOCore
import NIOHTTP1

/// Sends a request's head and body in one write. AsyncHTTPClient flushes the head on its own and the
/// body right after it, in the same call: two writes, so MiMo's server wakes once for the head and
/// again for the body. This handler, between AsyncHTTPClient's handler and the HTTP encoder, holds
/// the head's flush for a request that has a body; the body's flush then sends both.
///
/// The body usually follows in the same call; when the request's task runs on another event loop it
/// comes after two hops between loops. A body that does not come within `maxHold` (a streamed one)
/// no longer holds the head back.
final class RequestWriteCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = HTTPClientRequestPart

    /// Far longer than two hops between event loops, far shorter than anything MiMo would notice.
    static let maxHold: TimeAmount = .milliseconds(2)

    /// A head with a body was written and no body part yet.
    private var headAwaitsBody = false
    /// Passes on a held flush if the body does not come in time.
    private var heldFlush: Scheduled<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            headAwaitsBody = Self.hasBody(head)
        case .body, .end:
            headAwaitsBody = false
        }
        context.write(data, promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
        guard headAwaitsBody else {
            heldFlush?.cancel()
            heldFlush = nil
            context.flush()
            return
        }
        guard heldFlush == nil else { return }
        heldFlush = context.eventLoop.assumeIsolated().scheduleTask(in: Self.maxHold) {
            self.heldFlush = nil
            context.flush()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        heldFlush?.cancel()
        heldFlush = nil
    }

    static func hasBody(_ head: HTTPRequestHead) -> Bool {
        if head.headers.contains(name: "transfer-encoding") { return true }
        guard let length = head.headers.first(name: "content-length").flatMap({ Int($0) }) else { return false }
        return length > 0
    }

    /// Puts a coalescer into an AsyncHTTPClient HTTP/1 connection's pipeline, just above the encoder.
    /// A pipeline without the encoder is left as it is: the requests still go out, in two writes.
    @Sendable static func install(on channel: any Channel) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            let sync = channel.pipeline.syncOperations
            guard let encoder = try? sync.handler(type: HTTPRequestEncoder.self) else { return }
            try sync.addHandler(RequestWriteCoalescer(), position: .after(encoder))
        }
    }
}
