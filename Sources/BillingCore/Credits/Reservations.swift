import BillingProtocol

/// `credits.reserve` / `commit` / `release`: credits held for work in progress. Holding takes
/// them out of the grants (so nothing else can spend them); committing spends from exactly
/// those held credits and gives the rest back; a reservation past `expires_at` is released.
enum Reservations {
    static let defaultTTL: Int64 = 5 * 60_000

    struct Held {
        let id: String
        let user: String
        let amount: Int64
        let status: ReservationStatus
        let expiresAt: Timestamp
    }

    static func find(_ db: StoreSession, _ id: String) throws -> Held {
        guard let stored = try db.credits.reservation(id) else { throw BillingError.notFound("reservation", id) }
        return Held(id: id, user: stored.user, amount: stored.amount, status: stored.status, expiresAt: stored.expiresAt)
    }

    /// The reservation's parts, the soonest-expiring grant first (the order credits are spent in).
    static func parts(_ db: StoreSession, _ id: String) throws -> [Ledger.Part] {
        try db.credits.parts(ofReservation: id).map { Ledger.Part(grantID: $0.grantID, amount: $0.amount) }
    }

    static func reserve(_ db: StoreSession, user: String, amount: Int64, ttl: Int64, now: Timestamp) throws -> Reservation {
        let id = IDGenerator.make("res")
        let expiresAt = now.adding(milliseconds: ttl)
        try Ledger.ensureAccount(db, user, now: now)
        let parts = try Ledger.take(db, user, amount: amount, kind: .reserve, reference: "reservation:\(id)", now: now)
        try db.credits.insert(ReservationRow(id: id, user: user, amount: amount, expiresAt: expiresAt, at: now,
                                             parts: parts.map { ($0.grantID, $0.amount) }))
        return Reservation(reservationID: id, userID: user, amount: amount, expiresAt: expiresAt, currentCredits: try Ledger.current(db, user))
    }

    /// Checks that a reservation can still be committed or released.
    static func requireHeld(_ held: Held, now: Timestamp) throws {
        guard held.status == .held else {
            throw BillingError.invalidState("reservation '\(held.id)' is \(held.status.rawValue)", state: held.status.rawValue)
        }
        guard held.expiresAt > now else {
            throw BillingError.invalidState("reservation '\(held.id)' expired at \(held.expiresAt.rfc3339)",
                                            state: ReservationStatus.expired.rawValue)
        }
    }

    /// Spends `amount` (at most the held amount) from the held credits and gives back the rest.
    static func commit(_ db: StoreSession, _ held: Held, amount: Int64, usageID: String, now: Timestamp) throws {
        let giveBack = leftOver(of: try parts(db, held.id), spending: amount, amount: \.amount) {
            Ledger.Part(grantID: $0.grantID, amount: $1)
        }
        try db.credits.change(held.user, by: AccountDelta(used: amount, reserved: -amount), at: now)
        try db.credits.end(ReservationEnd(id: held.id, status: .committed, committedAmount: amount, usageID: usageID, at: now))
        if !giveBack.isEmpty {
            try Ledger.giveBack(db, held.user, parts: giveBack, reference: "reservation:\(held.id)", now: now)
        }
    }

    /// What a commit of `spent` leaves of a hold's `parts` (in the order it spends them: soonest-
    /// expiring grant first): every part not spent whole, `remainder` giving it what is left of it.
    /// Shared by the SQL path and the writer's copy (`Account.endHold`), so both split alike.
    static func leftOver<Part>(of parts: [Part], spending spent: Int64, amount: KeyPath<Part, Int64>,
                               remainder: (Part, Int64) -> Part) -> [Part] {
        var toSpend = spent
        return parts.compactMap { part in
            let used = min(toSpend, part[keyPath: amount])
            toSpend -= used
            return part[keyPath: amount] > used ? remainder(part, part[keyPath: amount] - used) : nil
        }
    }

    /// Gives every held credit back; `status` says why (released by the caller, or expired).
    static func release(_ db: StoreSession, _ held: Held, status: ReservationStatus, now: Timestamp) throws {
        try db.credits.end(ReservationEnd(id: held.id, status: status, committedAmount: nil, usageID: nil, at: now))
        try Ledger.giveBack(db, held.user, parts: try parts(db, held.id), reference: "reservation:\(held.id)", now: now)
    }

    /// Takes back the credits that held reservations hold from one grant (its payment was
    /// refunded). They already left the balance when reserved, so the balance stays; they move
    /// from reserved to revoked, and each reservation holds that much less (nothing, at worst).
    static func revokeHeld(_ db: StoreSession, _ user: String, grantID: Int64, now: Timestamp) throws {
        for (id, amount, total) in try db.credits.heldParts(ofGrant: grantID) {
            try db.credits.removePart(reservationID: id, grantID: grantID)
            if total > amount {
                try db.credits.shrinkReservation(id, by: amount, at: now)
            } else {
                try db.credits.end(ReservationEnd(id: id, status: .released, committedAmount: nil, usageID: nil, at: now))
            }
            try db.credits.change(user, by: AccountDelta(reserved: -amount, revoked: amount), at: now)
        }
    }

    /// Releases one user's reservations past `expires_at`.
    static func expireDue(_ db: StoreSession, user: String, now: Timestamp) throws {
        for id in try db.credits.dueReservations(user: user, at: now) {
            try release(db, try find(db, id), status: .expired, now: now)
        }
    }
}
