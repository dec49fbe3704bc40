import NIOCore
import Synchronization

/// The one way answers finished on other threads (the syncer releasing a durable batch, the
/// reader queues) reach an event loop's connections. Whoever finds the inbox empty schedules a
/// single task on the loop, and that task delivers everything queued by the time it runs: a
/// batch released on the syncer crosses to each event loop in one hop, not one per answer.
/// Connections that wrote during a delivery flush once, after it (`flushAfterDelivery`).
final class AnswerInbox: Sendable {
    let eventLoop: any EventLoop
    /// Where this loop's connections count their answered requests.
    let stats: StatsShard
    /// Non-empty exactly while a delivery task is scheduled and has not yet taken it.
    private let queued = Mutex<[@Sendable () -> Void]>([])
    /// Loop-confined: the connections to flush at the end of the running delivery.
    private let delivery: NIOLoopBoundBox<Delivery>

    private struct Delivery {
        var running = false
        var toFlush: [RPCConnectionHandler] = []
        /// The array the next swap hands to `queued`, so steady traffic allocates nothing.
        var spare: [@Sendable () -> Void] = []
    }

    init(eventLoop: any EventLoop, stats: StatsShard) {
        self.eventLoop = eventLoop
        self.stats = stats
        delivery = NIOLoopBoundBox.makeBoxSendingValue(Delivery(), as: Delivery.self, eventLoop: eventLoop)
    }

    /// Runs `work` on the loop, with the other answers queued meanwhile.
    func deliver(_ work: @escaping @Sendable () -> Void) {
        let first = queued.withLock { queue in
            queue.append(work)
            return queue.count == 1
        }
        if first { eventLoop.execute { self.drain() } }
    }

    /// True while a delivery runs on this loop; then `flushAfterDelivery` flushes at its end.
    var isDelivering: Bool { delivery.value.running }

    /// Loop only, while `isDelivering`: flushes `connection` once this delivery is over.
    func flushAfterDelivery(_ connection: RPCConnectionHandler) {
        delivery.value.toFlush.append(connection)
    }

    private func drain() {
        var work: [@Sendable () -> Void] = []
        swap(&work, &delivery.value.spare)
        queued.withLock { swap(&$0, &work) }
        delivery.value.running = true
        for run in work { run() }
        delivery.value.running = false
        work.removeAll(keepingCapacity: true)
        delivery.value.spare = work
        var toFlush: [RPCConnectionHandler] = []
        swap(&toFlush, &delivery.value.toFlush)
        for connection in toFlush { connection.flushAnswers() }
    }
}
