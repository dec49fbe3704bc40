import BillingCore
import BillingProtocol
import NIOCore

/// One connection's request pipeline. Requests run concurrently (so one client's pipeline can
/// share a group commit) but answers leave in request order. Backpressure: with
/// `maxInFlight` answers outstanding, the handler stops asking the socket for more bytes.
///
/// Answers are written as they become ready but flushed once per burst: once after the
/// requests of one socket read (`channelReadComplete`), once per delivery of answers that
/// finished on other threads (`AnswerInbox`), so a pipeline of N answers costs one syscall.
final class RPCConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = Frame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let dispatcher: Dispatcher
    private let maxInFlight: Int
    /// Outstanding answers in request order: nil while running, `.some(nil)` for "nothing to send".
    private var slots = CircularBuffer<JSONValue??>()
    /// Where ready answers are serialized before they are copied into one output buffer; kept
    /// between answers so that steady traffic allocates nothing here.
    private var scratch: [UInt8] = []
    /// The sequence number of `slots.first`.
    private var base = 0
    private var readHeld = false
    private var inputClosed = false
    /// Between a read's first `channelRead` and its `channelReadComplete`, which flushes.
    private var reading = false
    /// Answers written and not yet flushed.
    private var unflushed = false
    private var context: ChannelHandlerContext?
    /// This connection's event loop's: where answers finished elsewhere come back.
    private var inbox: AnswerInbox?
    private let fence = WriteFence()
    /// The peer (SO_PEERCRED uid and pid), recorded in the audit log with each request's id.
    private let caller: AuditActor

    init(dispatcher: Dispatcher, maxInFlight: Int, caller: AuditActor) {
        self.dispatcher = dispatcher
        self.maxInFlight = maxInFlight
        self.caller = caller
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        inbox = dispatcher.inbox(for: context.eventLoop)
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        reading = true
        let sequence = base + slots.count
        slots.append(nil)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let inbox = inbox!
        // The answer is made into text here, on this connection's event loop.
        let finish: @Sendable (@escaping Dispatcher.Answer) -> Void = { answer in
            if eventLoop.inEventLoop {
                bound.value.complete(sequence, answer())
            } else {
                inbox.deliver { bound.value.complete(sequence, answer()) }
            }
        }
        switch unwrapInboundIn(data) {
        case .tooLong:
            dispatcher.stats.recordError(RPCErrorCode.requestTooLarge.type)
            finish { RPCResponse.failure(id: .null, error: RPCError(.requestTooLarge, "request line longer than the limit")) }
        case .line(let buffer):
            dispatcher.handle(Array(buffer.readableBytesView), fence: fence, caller: caller, shard: inbox.stats, completion: finish)
        }
    }

    private func complete(_ sequence: Int, _ answer: JSONValue?) {
        guard let context, sequence >= base, sequence - base < slots.count else { return }
        slots[slots.index(slots.startIndex, offsetBy: sequence - base)] = .some(answer)
        // Every answer that is next in order now leaves, as one buffer.
        while let first = slots.first, case .some(let answer) = first {
            slots.removeFirst()
            base += 1
            if let answer {
                answer.write(into: &scratch)
                scratch.append(UInt8(ascii: "\n"))
            }
        }
        let wrote = !scratch.isEmpty
        if wrote {
            var buffer = context.channel.allocator.buffer(capacity: scratch.count)
            buffer.writeBytes(scratch)
            context.write(wrapOutboundOut(buffer), promise: nil)
            // One large answer (a long list) must not pin its size for the connection's life.
            if scratch.capacity > 1 << 16 { scratch = [] } else { scratch.removeAll(keepingCapacity: true) }
        }
        if wrote && !unflushed {
            unflushed = true
            if !reading {
                if let inbox, inbox.isDelivering { inbox.flushAfterDelivery(self) } else { flushAnswers() }
            }
        }
        resumeReading(context)
        closeIfDone(context)
    }

    /// Sends what `complete` wrote: at the end of a read or of an inbox delivery, or at once.
    func flushAnswers() {
        guard unflushed, let context else { return }
        unflushed = false
        context.flush()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        reading = false
        flushAnswers()
        context.fireChannelReadComplete()
    }

    private func resumeReading(_ context: ChannelHandlerContext) {
        if readHeld && !inputClosed && slots.count < maxInFlight && context.channel.isWritable {
            readHeld = false
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReading(context)
        context.fireChannelWritabilityChanged()
    }

    /// Reads stop while too many answers are outstanding, or while the client is not reading
    /// its answers (the outbound buffer is over its high-water mark), so memory stays bounded.
    func read(context: ChannelHandlerContext) {
        if inputClosed || slots.count >= maxInFlight || !context.channel.isWritable {
            readHeld = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A last line without its newline is read at EOF with no `channelReadComplete` after it.
        reading = false
        flushAnswers()
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, slots.isEmpty {
            context.close(promise: nil)
            return
        }
        if (event as? ChannelEvent) == .inputClosed || event is Drain {
            inputClosed = true
            readHeld = true
            closeIfDone(context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// After the client's EOF, the connection closes once every answer has been written.
    private func closeIfDone(_ context: ChannelHandlerContext) {
        if inputClosed && slots.isEmpty {
            flushAnswers()
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
