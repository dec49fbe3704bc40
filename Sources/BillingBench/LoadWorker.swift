import CBenchEpoll
import Histogram

#if canImport(Glibc)
import Glibc
#endif

/// One generator thread: an epoll loop over its share of the connections. Each connection
/// keeps `depth` requests in flight (closed loop: an answer releases its slot for the next
/// request), so depth 1 waits for every answer and depth 32 pipelines.
final class LoadWorker: @unchecked Sendable {
    // @unchecked: a worker is built by the runner, then touched only by its own thread until
    // the runner has joined that thread and reads `result`.

    struct Plan: Sendable {
        var mix: BenchConfiguration.Mix
        var depth: Int
        var users: Int
        var userPrefix: [UInt8]
        var idempotencyRun: [UInt8]?
        /// Answers received in [measureStart, measureEnd) are counted (monotonic ns).
        var measureStart: UInt64
        var measureEnd: UInt64
        /// No new request after this instant or after `budget` requests.
        var stopAt: UInt64
        var budget: Int?
        var drainNanos: UInt64
        /// Requests per second this thread sends at most (nil: as fast as answers come back).
        var rate: Double? = nil
        /// Users in turn instead of at random: the k-th request goes to user `k % users`, so
        /// `users` requests touch each user once (the runner allows it with one thread only).
        var sweep = false
    }

    struct Outcome {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
        var measured = 0
        var issued = 0
        var answered = 0
        var lost = 0
        var errors: [String: Int] = [:]
        var byMethod = [Int](repeating: 0, count: 8)
        var lastMeasuredAt: UInt64 = 0
    }

    private struct InFlight {
        var sentAt: UInt64
        var id: UInt64
        var kind: RequestKind
        var slot: Int32
    }

    private final class Link {
        let fd: Int32
        let index: Int
        var partial: [UInt8] = []
        var out: [UInt8] = []
        var outStart = 0
        var ring: [InFlight]
        var head = 0
        var count = 0
        var reservations: [[UInt8]?]
        var nextID: UInt64 = 1
        var writeArmed = false
        var open = true

        init(fd: Int32, index: Int, depth: Int) {
            self.fd = fd
            self.index = index
            ring = [InFlight](repeating: InFlight(sentAt: 0, id: 0, kind: .health, slot: 0), count: depth)
            reservations = [[UInt8]?](repeating: nil, count: depth)
            out.reserveCapacity(256 * depth)
        }
    }

    let index: Int
    private let plan: Plan
    private var links: [Link] = []
    private(set) var outcome = Outcome()
    private var rng: UInt64
    private var issuing = true
    private var inFlight = 0
    private var sequence: UInt64 = 0
    private var epoll: Int32 = -1
    private var pacer: Pacer?
    /// Free slots waiting for the pacer, oldest first: (link index, slot).
    private var parked: [(link: Int, slot: Int)] = []

    init(index: Int, plan: Plan, descriptors: [Int32]) {
        self.index = index
        self.plan = plan
        rng = UInt64.random(in: 1..<UInt64.max)
        links = descriptors.enumerated().map { Link(fd: $1, index: $0, depth: plan.depth) }
    }

    /// Runs until the stop and the drain; closes every connection it owns.
    func run() {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        precondition(epoll >= 0, "epoll_create1 failed")
        defer {
            for link in links where link.open { Glibc.close(link.fd) }
            Glibc.close(epoll)
        }
        for (i, link) in links.enumerated() {
            BenchSocket.setNonBlocking(link.fd)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = UInt64(i)
            _ = epoll_ctl(epoll, EPOLL_CTL_ADD, link.fd, &event)
        }
        let now = monotonicNanos()
        pacer = plan.rate.map { Pacer(ratePerSecond: $0, start: now) }
        for link in links {
            for slot in 0..<plan.depth { issue(link, slot: slot, now: now) }
            flush(link)
        }
        let scratchSize = 256 * 1024
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)
        defer { scratch.deallocate() }
        let maxEvents: Int32 = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Int(maxEvents))
        defer { events.deallocate() }
        var drainDeadline = UInt64.max
        while true {
            let now = monotonicNanos()
            if issuing, now >= plan.stopAt || (plan.budget.map { outcome.issued >= $0 } ?? false) {
                issuing = false
            }
            if !issuing {
                if drainDeadline == .max { drainDeadline = now &+ plan.drainNanos }
                if inFlight == 0 { break }
                if now >= drainDeadline {
                    outcome.lost += inFlight
                    if inFlight > 0 { outcome.errors["no_answer_before_drain_deadline", default: 0] += inFlight }
                    break
                }
            }
            releaseParked()
            // Wake at least every 50 ms to check the clock (stopAt may be .max: a count-bounded run),
            // and when the pacer lets the next parked slot go.
            let remainingMillis = (plan.stopAt &- min(plan.stopAt, now)) / 1_000_000
            var timeout = issuing ? Int32(max(1, min(50, remainingMillis))) : 50
            if issuing, !parked.isEmpty, let pacer {
                let due = pacer.nextDue
                let current = monotonicNanos()
                let waitMillis = due > current ? (due - current + 999_999) / 1_000_000 : 0
                timeout = min(timeout, Int32(min(50, waitMillis)))
            }
            let ready = epoll_wait(epoll, events, maxEvents, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for e in 0..<Int(ready) {
                let link = links[Int(events[e].data.u64)]
                guard link.open else { continue }
                let flags = events[e].events
                if flags & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                    receive(link, scratch: scratch, size: scratchSize)
                }
                if link.open, flags & EPOLLOUT.rawValue != 0 { flush(link) }
            }
        }
    }

    // MARK: - Requests

    @inline(__always)
    private func random() -> UInt64 {
        rng ^= rng >> 12
        rng ^= rng << 25
        rng ^= rng >> 27
        return rng &* 2_685_821_657_736_338_717
    }

    /// Sends the requests of parked slots whose turn has come, oldest first.
    private func releaseParked() {
        guard issuing, !parked.isEmpty else { return }
        var released = 0
        var now = monotonicNanos()
        while released < parked.count, pacer?.take(now: now) == true {
            let (index, slot) = parked[released]
            released += 1
            let link = links[index]
            issue(link, slot: slot, now: now, paced: true)
            if link.open { flush(link) }
            now = monotonicNanos()
        }
        parked.removeFirst(released)
    }

    /// Sends the next request on `slot` of `link`, unless the run is stopping. With a rate, a
    /// slot whose turn has not come (or that would pass slots already waiting) is parked;
    /// `paced` means the caller has taken the turn for it.
    private func issue(_ link: Link, slot: Int, now: UInt64, paced: Bool = false) {
        guard issuing, link.open else { return }
        if let budget = plan.budget, outcome.issued >= budget { return }
        if !paced, pacer != nil {
            guard parked.isEmpty, pacer?.take(now: now) == true else {
                parked.append((link.index, slot))
                return
            }
        }
        let kind: RequestKind
        var reservation: [UInt8]? = nil
        switch plan.mix {
        case .consume: kind = .consume
        case .get: kind = .get
        case .health: kind = .health
        case .get90: kind = random() % 10 == 0 ? .consume : .get
        case .reserveCommit:
            if let held = link.reservations[slot] {
                kind = .commit
                reservation = held
                link.reservations[slot] = nil
            } else {
                kind = .reserve
            }
        }
        let id = link.nextID
        link.nextID &+= 1
        sequence &+= 1
        let user: Int
        if plan.sweep {
            user = Int((sequence &- 1) % UInt64(plan.users))
        } else {
            user = Int(random() % UInt64(plan.users))
        }
        WireFormat.appendRequest(kind, id: id, user: user, userPrefix: plan.userPrefix, amount: 1,
                                 reservation: reservation.map { $0[...] },
                                 idempotencyKey: plan.idempotencyRun.map { ($0, index, sequence) }, to: &link.out)
        let tail = (link.head + link.count) % link.ring.count
        link.ring[tail] = InFlight(sentAt: now, id: id, kind: kind, slot: Int32(slot))
        link.count += 1
        inFlight += 1
        outcome.issued += 1
    }

    private func flush(_ link: Link) {
        while link.outStart < link.out.count {
            let written = link.out.withUnsafeBytes { raw in
                Glibc.send(link.fd, raw.baseAddress! + link.outStart, raw.count - link.outStart, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                link.outStart += written
                continue
            }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                if !link.writeArmed { arm(link, write: true) }
                return
            }
            drop(link, reason: "connection_closed")
            return
        }
        link.out.removeAll(keepingCapacity: true)
        link.outStart = 0
        if link.writeArmed { arm(link, write: false) }
    }

    private func arm(_ link: Link, write: Bool) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | (write ? EPOLLOUT.rawValue : 0)
        event.data.u64 = UInt64(link.index)
        _ = epoll_ctl(epoll, EPOLL_CTL_MOD, link.fd, &event)
        link.writeArmed = write
    }

    private func drop(_ link: Link, reason: String) {
        guard link.open else { return }
        link.open = false
        if link.count > 0 { outcome.errors[reason, default: 0] += link.count }
        outcome.lost += link.count
        inFlight -= link.count
        link.count = 0
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, link.fd, nil)
        Glibc.close(link.fd)
    }

    // MARK: - Answers

    private func receive(_ link: Link, scratch: UnsafeMutableRawPointer, size: Int) {
        let n = recv(link.fd, scratch, size, 0)
        if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
        guard n > 0 else {
            drop(link, reason: "connection_closed")
            return
        }
        let now = monotonicNanos()
        if link.partial.isEmpty {
            let used = process(link, UnsafeRawBufferPointer(start: scratch, count: n), now: now)
            if used < n { link.partial.append(contentsOf: UnsafeRawBufferPointer(start: scratch + used, count: n - used)) }
        } else {
            link.partial.append(contentsOf: UnsafeRawBufferPointer(start: scratch, count: n))
            let used = link.partial.withUnsafeBytes { process(link, $0, now: now) }
            link.partial.removeFirst(used)
        }
        if link.open { flush(link) }
    }

    /// Handles every complete line in `bytes`; returns how many bytes it consumed.
    private func process(_ link: Link, _ bytes: UnsafeRawBufferPointer, now: UInt64) -> Int {
        var start = 0
        let base = bytes.baseAddress!
        while start < bytes.count {
            guard let hit = memchr(base + start, 0x0A, bytes.count - start) else { break }
            let end = base.distance(to: UnsafeRawPointer(hit))
            let line = UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt8.self), count: end - start)
            answer(link, line, now: now)
            start = end + 1
        }
        return start
    }

    private func answer(_ link: Link, _ line: UnsafeBufferPointer<UInt8>, now: UInt64) {
        guard link.count > 0 else {
            outcome.errors["unexpected_answer", default: 0] += 1
            return
        }
        let sent = link.ring[link.head]
        link.head = (link.head + 1) % link.ring.count
        link.count -= 1
        inFlight -= 1
        outcome.answered += 1
        let scanned = ResponseScanner.scan(line, wantReservation: sent.kind == .reserve)
        if now >= plan.measureStart && now < plan.measureEnd {
            _ = outcome.histogram.record(max(1, now &- sent.sentAt))
            outcome.measured += 1
            outcome.byMethod[Int(sent.kind.rawValue)] += 1
            outcome.lastMeasuredAt = now
            if scanned.id != sent.id {
                outcome.errors["id_mismatch", default: 0] += 1
            } else if scanned.isError {
                outcome.errors[String(scanned.errorType ?? "unknown_error"), default: 0] += 1
            }
        }
        if let range = scanned.reservationID, !scanned.isError {
            link.reservations[Int(sent.slot)] = Array(line[range])
        }
        issue(link, slot: Int(sent.slot), now: now)
    }
}
