import BillingProtocol
import BillingStore

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

    static func find(_ db: Connection, _ id: String) throws -> Held {
        guard let row = try db.queryOne("SELECT id, user_id, amount, status, expires_at FROM credit_reservations WHERE id = ?", [.text(id)])
        else { throw BillingError.notFound("reservation", id) }
        return Held(id: id, user: row.string("user_id"), amount: row.int("amount"), status: ReservationStatus(rawValue: row.string("status")) ?? .held,
                    expiresAt: Timestamp(milliseconds: row.int("expires_at")))
    }

    /// The user who holds reservation `id` (nil: no such reservation).
    static func owner(_ db: Connection, _ id: String) throws -> String? {
        try db.queryOne("SELECT user_id FROM credit_reservations WHERE id = ?", [.text(id)])?.string("user_id")
    }

    /// The reservation's parts, the soonest-expiring grant first (the order credits are spent in).
    static func parts(_ db: Connection, _ id: String) throws -> [Ledger.Part] {
        try db.query("""
            SELECT p.grant_id, p.amount FROM credit_reservation_parts p JOIN credit_grants g ON g.id = p.grant_id
            WHERE p.reservation_id = ? ORDER BY g.expires_at IS NULL, g.expires_at, g.id
            """, [.text(id)]).map { Ledger.Part(grantID: $0.int("grant_id"), amount: $0.int("amount")) }
    }

    static func reserve(_ db: Connection, user: String, amount: Int64, ttl: Int64, now: Timestamp) throws -> Reservation {
        let id = IDGenerator.make("res")
        let expiresAt = now.adding(milliseconds: ttl)
        try Ledger.ensureAccount(db, user, now: now)
        try BulkStatement.insert(db, into: "credit_reservations", columns: columns,
                                 rows: [values(id: id, user: user, amount: amount, expiresAt: expiresAt, now: now)])
        let parts = try Ledger.take(db, user, amount: amount, kind: .reserve, reference: "reservation:\(id)", now: now)
        try BulkStatement.insert(db, into: "credit_reservation_parts", columns: partColumns,
                                 rows: parts.map { partValues(id, grant: $0.grantID, amount: $0.amount) })
        return Reservation(reservationID: id, userID: user, amount: amount, expiresAt: expiresAt, currentCredits: try Ledger.current(db, user))
    }

    /// The columns a new reservation sets, in the order of `values`.
    static let columns = ["id", "user_id", "amount", "status", "expires_at", "created_at", "updated_at"]

    /// A new held reservation's row (for `columns`): written at once, or with a batch's other rows.
    static func values(id: String, user: String, amount: Int64, expiresAt: Timestamp, now: Timestamp) -> [SQLValue] {
        [.text(id), .text(user), .integer(amount), .text(ReservationStatus.held.rawValue), .integer(expiresAt.milliseconds),
         .integer(now.milliseconds), .integer(now.milliseconds)]
    }

    /// The columns of a reservation's part: the credits it holds of one grant.
    static let partColumns = ["reservation_id", "grant_id", "amount"]

    static func partValues(_ id: String, grant: Int64, amount: Int64) -> [SQLValue] {
        [.text(id), .integer(grant), .integer(amount)]
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
    static func commit(_ db: Connection, _ held: Held, amount: Int64, usageID: String, now: Timestamp) throws {
        let giveBack = leftOver(of: try parts(db, held.id), spending: amount, amount: \.amount) {
            Ledger.Part(grantID: $0.grantID, amount: $1)
        }
        try db.run("""
            UPDATE user_credits SET reserved_credits = reserved_credits - ?1, total_credits_used = total_credits_used + ?1,
                credits_used_this_period = credits_used_this_period + ?1, updated_at = ?2
            WHERE user_id = ?3
            """, [.integer(amount), .integer(now.milliseconds), .text(held.user)])
        try db.run("UPDATE credit_reservations SET status = 'committed', committed_amount = ?, usage_id = ?, updated_at = ? WHERE id = ?",
                   [.integer(amount), .text(usageID), .integer(now.milliseconds), .text(held.id)])
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
    static func release(_ db: Connection, _ held: Held, status: ReservationStatus, now: Timestamp) throws {
        try db.run("UPDATE credit_reservations SET status = ?, updated_at = ? WHERE id = ?",
                   [.text(status.rawValue), .integer(now.milliseconds), .text(held.id)])
        try Ledger.giveBack(db, held.user, parts: try parts(db, held.id), reference: "reservation:\(held.id)", now: now)
    }

    /// Takes back the credits that held reservations hold from one grant (its payment was
    /// refunded). They already left the balance when reserved, so the balance stays; they move
    /// from reserved to revoked, and each reservation holds that much less (nothing, at worst).
    static func revokeHeld(_ db: Connection, _ user: String, grantID: Int64, now: Timestamp) throws {
        let held = try db.query("""
            SELECT p.reservation_id, p.amount, r.amount AS total FROM credit_reservation_parts p
            JOIN credit_reservations r ON r.id = p.reservation_id WHERE p.grant_id = ? AND r.status = 'held'
            """, [.integer(grantID)])
        for part in held {
            let id = part.string("reservation_id")
            let amount = part.int("amount")
            try db.run("DELETE FROM credit_reservation_parts WHERE reservation_id = ? AND grant_id = ?", [.text(id), .integer(grantID)])
            if part.int("total") > amount {
                try db.run("UPDATE credit_reservations SET amount = amount - ?, updated_at = ? WHERE id = ?",
                           [.integer(amount), .integer(now.milliseconds), .text(id)])
            } else {
                try db.run("UPDATE credit_reservations SET status = 'released', updated_at = ? WHERE id = ?",
                           [.integer(now.milliseconds), .text(id)])
            }
            try db.run("""
                UPDATE user_credits SET reserved_credits = reserved_credits - ?1, total_credits_revoked = total_credits_revoked + ?1,
                    updated_at = ?2 WHERE user_id = ?3
                """, [.integer(amount), .integer(now.milliseconds), .text(user)])
        }
    }

    /// Held reservations past `expires_at` (one user's, or everyone's when `user` is nil).
    static func dueIDs(_ db: Connection, user: String? = nil, now: Timestamp) throws -> [String] {
        // Two statements, not `(?2 IS NULL OR user_id = ?2)`: that form keeps SQLite off the user index.
        let rows = if let user {
            try db.query("SELECT id FROM credit_reservations WHERE user_id = ?2 AND status = 'held' AND expires_at <= ?1",
                         [.integer(now.milliseconds), .text(user)])
        } else {
            try db.query("SELECT id FROM credit_reservations WHERE status = 'held' AND expires_at <= ?1", [.integer(now.milliseconds)])
        }
        return rows.map { $0.string("id") }
    }

    /// Releases one user's reservations past `expires_at`.
    static func expireDue(_ db: Connection, user: String, now: Timestamp) throws {
        for id in try dueIDs(db, user: user, now: now) {
            try release(db, try find(db, id), status: .expired, now: now)
        }
    }
}
