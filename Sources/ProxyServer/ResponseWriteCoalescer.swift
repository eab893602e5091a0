import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Fewer writes per streamed response. Hummingbird flushes a response's head on its own, and the end
/// of a chunked body (its terminator) on its own too: for a short answer, three writes where one
/// would do, and on loopback every write also pays for waking the reader. This handler, between
/// Hummingbird's HTTP codec and the connection's async channel, holds
///
/// - the head's flush until the first body bytes (or the end) are written;
/// - the flush of the body bytes the stream pump marks as its last (`endFollows()`) until the end.
///
/// A held flush never waits longer than `maxHold`, so a body that is slow to start (MiMo silent
/// after its headers) still gets its head out in time.
final class ResponseWriteCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The stream pump's own wait before sending the opening events alone
    /// (`ResponsesEndpoint.openingEventsDelay`): a held head never goes out later than those would.
    static let maxHold: TimeAmount = .milliseconds(50)

    /// The handler of the connection the current task serves, set by the listener.
    @TaskLocal static var current: NIOLoopBound<ResponseWriteCoalescer>?

    private enum Hold {
        case none
        case headAwaitsBody
        case bodyAwaitsEnd
    }

    private var hold = Hold.none
    private var endFollowsNextBody = false
    private var heldFlush: Scheduled<Void>?

    /// Marks the next body bytes as the response's last: their flush waits for the end, which the
    /// caller writes right after them. No-op off the connection's event loop or without a handler.
    static func endFollows() {
        guard let handler = current, handler.eventLoop.inEventLoop else { return }
        handler.value.markEndFollows()
    }

    func markEndFollows() { endFollowsNextBody = true }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            // An informational head (100 Continue) is an answer in itself.
            hold = head.status.kind == .informational ? .none : .headAwaitsBody
            endFollowsNextBody = false
        case .body:
            hold = endFollowsNextBody ? .bodyAwaitsEnd : .none
            endFollowsNextBody = false
        case .end:
            hold = .none
            endFollowsNextBody = false
        }
        context.write(data, promise: promise)
    }

    func flush(context: ChannelHandlerContext) {
        guard case .none = hold else {
            if heldFlush == nil {
                heldFlush = context.eventLoop.assumeIsolated().scheduleTask(in: Self.maxHold) {
                    self.heldFlush = nil
                    self.hold = .none
                    context.flush()
                }
            }
            return
        }
        heldFlush?.cancel()
        heldFlush = nil
        context.flush()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        heldFlush?.cancel()
        heldFlush = nil
    }
}
