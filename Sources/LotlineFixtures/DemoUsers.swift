import LotlineCore

/// The demo plant's people, one per role, for `lotline serve --demo` and the browser tests. Every one has the same
/// published password: a demo database is for trying things, never for records.
public enum DemoUsers {
    public static let password = "demo-password-1"

    /// The admin first (the first user of a database must be one), then a user for each other role.
    public static let all: [AddUser] = [
        AddUser(name: "ada", fullName: "Ada Admin", roles: ["admin"], usPerson: true),
        AddUser(name: "quinn", fullName: "Quinn Quality", roles: ["quality"], usPerson: true),
        AddUser(name: "rita", fullName: "Rita Receiving", roles: ["receiving"], usPerson: true),
        AddUser(name: "otto", fullName: "Otto Operator", roles: ["production"], usPerson: true),
        AddUser(name: "sam", fullName: "Sam Shipping", roles: ["shipping"], usPerson: true),
        AddUser(name: "pia", fullName: "Pia Planner", roles: ["planner"], usPerson: false),
        AddUser(name: "aldo", fullName: "Aldo Auditor", roles: ["auditor"], usPerson: false),
    ]
}
