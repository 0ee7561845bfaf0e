import LotlineCore

/// What every page shows around its content: the title, who is signed in, the places their roles may go, and the
/// session's CSRF token for the forms on the page.
public struct Chrome: Sendable {
    public var title: String
    public var user: SignedInUser?
    public var csrf: String
    /// This rendering's forms' nonce: sent twice, a form is refused the second time.
    public var nonce: String
    public var nav: [NavLink]
    /// Station pages: large type, one task.
    public var station: Bool

    public init(title: String, user: User?, csrf: String, current: String, station: Bool = false) {
        self.title = title
        self.user = user.map(SignedInUser.init)
        self.csrf = csrf
        nonce = FormNonces.fresh()
        self.nav = user.map { NavLink.offered(to: $0, current: current) } ?? []
        self.station = station
    }
}

/// The signed-in user as the page header shows them.
public struct SignedInUser: Sendable {
    public var name: String
    public var fullName: String
    public var roles: String

    init(_ user: User) {
        name = user.name.rawValue
        fullName = user.fullName
        roles = user.roles.map(\.rawValue).joined(separator: ", ")
    }
}

/// A place in the navigation. A role is offered only what it may do.
public struct NavLink: Sendable {
    public var label: String
    public var href: String
    public var current: Bool

    /// Every page of the web interface with the permission it needs, in menu order.
    static let places: [(label: String, href: String, permission: Permission)] = [
        ("Home", "/web/", .read),
        ("Receiving", "/web/stations/receiving", .receive),
        ("Issue", "/web/stations/issue", .produce),
        ("Operation", "/web/stations/operation", .produce),
        ("Produce", "/web/stations/produce", .produce),
        ("Acceptance", "/web/stations/acceptance", .inspect),
        ("Ship", "/web/stations/ship", .ship),
        ("Trace", "/web/trace", .read),
        ("Recalls", "/web/recalls", .read),
    ]

    static func offered(to user: User, current: String) -> [NavLink] {
        places.filter { user.may($0.permission) }.map { NavLink(label: $0.label, href: $0.href, current: $0.href == current) }
    }
}
