import Foundation

/// What a user is allowed to do, as a job: each role grants a set of permissions, and a user holds one or more roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Manages users and may do everything.
    case admin
    /// Releases, rejects and corrects lots, runs recalls, closes work orders as batch release.
    case quality
    /// Receives material and inspects it in.
    case receiving
    /// Operators: issue, operate, consume, produce.
    case production
    case shipping
    /// Master data and work orders.
    case planner
    /// Reads everything its export-control status allows and changes nothing.
    case auditor

    /// What the role may do. Every role reads; admin does everything.
    public var permissions: Set<Permission> {
        switch self {
        case .admin: Set(Permission.allCases)
        case .quality:
            [.read, .masterData, .inspect, .hold, .release, .correct, .moveStock, .adjust, .scrap, .closeWorkOrder, .recall, .returns]
        case .receiving: [.read, .receive, .inspect, .hold, .moveStock]
        case .production: [.read, .hold, .moveStock, .scrap, .planWork, .produce]
        case .shipping: [.read, .hold, .moveStock, .ship, .returns]
        case .planner: [.read, .masterData, .planWork]
        case .auditor: [.read, .readAccounts]
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// A role as typed, or a refusal that lists the roles.
    public static func parse(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.trimmed.lowercased()) else {
            throw LotlineError(
                .badInput, "role-invalid", "unknown role '\(text)'; one of: \(allCases.map(\.rawValue).joined(separator: ", "))", value: text,
                suggestions: ImportFormat.nearestName(to: text.lowercased(), among: allCases.map(\.rawValue)).map { [$0] } ?? [])
        }
        return role
    }
}

/// One thing a command or a read needs leave to do. Commands declare theirs (`LotlineCommand.permission`); the store
/// checks it against the acting user's roles inside the command's transaction.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable {
    /// Lots, traces, reports, history, the audit trail.
    case read
    /// Items, suppliers, codes, schemes, tools, operators, bills of material, routings, accreditations.
    case masterData = "master_data"
    case receive
    case inspect
    /// Put a lot on hold: anyone who handles material may stop it.
    case hold
    /// Release or reject a lot: a quality decision.
    case release
    /// Correct a receipt's recorded facts.
    case correct
    /// Split, merge, move.
    case moveStock = "move_stock"
    /// Set a lot's quantity after a count.
    case adjust
    case scrap
    /// Create and release work orders.
    case planWork = "plan_work"
    /// Close a work order: the batch release.
    case closeWorkOrder = "close_work_order"
    /// Issue, start, consume, record, complete, produce.
    case produce
    case ship
    /// Take back what a customer returns.
    case returns
    /// Start, drill, disposition and close recalls.
    case recall
    /// Load history from another system.
    case importHistory = "import_history"
    /// Add, change and disable users, set their passwords.
    case manageUsers = "manage_users"
    /// Read the history of user accounts (added, changed, passwords set, tokens, failed sign-ins) in the audit trail.
    case readAccounts = "read_accounts"

    /// What it lets a user do, in words: "user 'bob' may not <phrase>".
    public var phrase: String {
        switch self {
        case .read: "read records"
        case .masterData: "change master data"
        case .receive: "receive material"
        case .inspect: "record inspections"
        case .hold: "put lots on hold"
        case .release: "release or reject lots"
        case .correct: "correct receipts"
        case .moveStock: "split, merge or move lots"
        case .adjust: "adjust lot quantities"
        case .scrap: "scrap material"
        case .planWork: "create or release work orders"
        case .closeWorkOrder: "close work orders"
        case .produce: "record production"
        case .ship: "ship"
        case .returns: "take back returns"
        case .recall: "run recalls"
        case .importHistory: "import history"
        case .manageUsers: "manage users"
        case .readAccounts: "read the history of user accounts"
        }
    }

    /// The roles that grant it, in order.
    public var roles: [Role] { Role.allCases.filter { $0.permissions.contains(self) } }
}
