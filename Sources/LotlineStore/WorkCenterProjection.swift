import Foundation
import GRDB
import LotlineCore

/// How work-center events change `work_centers`, `work_center_machines` and `downtimes`.
enum WorkCenterProjection {
    static func set(_ e: WorkCenterSet, db: Database) throws {
        try db.run(
            sql: "INSERT INTO work_centers (code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name",
            arguments: [e.code.rawValue, e.name])
        try db.run(sql: "DELETE FROM work_center_machines WHERE work_center = ?", arguments: [e.code.rawValue])
        for (position, machine) in e.machines.enumerated() {
            try db.run(
                sql: "INSERT INTO work_center_machines (work_center, machine, position) VALUES (?, ?, ?)",
                arguments: [e.code.rawValue, machine.rawValue, position])
        }
    }

    static func shiftsSet(_ e: WorkCenterShiftsSet, db: Database) throws {
        try db.run(
            sql: "UPDATE work_centers SET shifts = ? WHERE code = ?",
            arguments: [String(decoding: try JSONEncoder().encode(e.shifts.map(\.description)), as: UTF8.self), e.workCenter.rawValue])
    }

    static func downtimeRecorded(_ e: DowntimeRecorded, event: LedgerEvent, db: Database) throws {
        let downtime = e.downtime
        try db.run(
            sql: "INSERT INTO downtimes (seq, work_center, machine, starts_at, ends_at, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                event.seq, downtime.workCenter.rawValue, downtime.machine?.rawValue, downtime.from.text, downtime.to.text,
                downtime.reason.rawValue, downtime.note,
            ])
    }
}

/// Work centers and downtime read back from their tables.
enum WorkCenterRows {
    static func workCenter(_ code: WorkCenterCode, db: Database) throws -> WorkCenter? {
        guard let row = try db.fetchRow(sql: "SELECT * FROM work_centers WHERE code = ?", arguments: [code.rawValue]) else { return nil }
        return try workCenter(row, db: db)
    }

    static func workCenters(db: Database) throws -> [WorkCenter] {
        try db.fetchRows(sql: "SELECT * FROM work_centers ORDER BY code").map { try workCenter($0, db: db) }
    }

    static func downtimes(db: Database) throws -> [Downtime] {
        try db.fetchRows(sql: "SELECT * FROM downtimes ORDER BY seq").map { row in
            Downtime(
                workCenter: WorkCenterCode(rawValue: row["work_center"]), machine: (row["machine"] as String?).map(EquipmentCode.init(rawValue:)),
                from: try BusinessTime.parse(row["starts_at"], timeZone: TimeZone(secondsFromGMT: 0)!),
                to: try BusinessTime.parse(row["ends_at"], timeZone: TimeZone(secondsFromGMT: 0)!),
                reason: ReasonCode(rawValue: row["reason"]), note: row["note"])
        }
    }

    private static func workCenter(_ row: Row, db: Database) throws -> WorkCenter {
        let code = WorkCenterCode(rawValue: row["code"])
        let machines = try String.fetchAll(
            db, sql: "SELECT machine FROM work_center_machines WHERE work_center = ? ORDER BY position", arguments: [code.rawValue])
        let shifts = try (Rows.strings(row["shifts"]) ?? []).map(Shift.parse)
        return WorkCenter(code: code, name: row["name"], machines: machines.map(EquipmentCode.init(rawValue:)), shifts: shifts)
    }
}
