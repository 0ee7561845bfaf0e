import Foundation
import HTTPTypes
import Hummingbird
import LotlineCore
import NIOCore

/// The web interface: sign-in, the home page, lot and trace pages, the stations, and the style sheet they share.
func addPages(to router: Router<LotlineRequestContext>, _ environment: ServerEnvironment) {
    let pages = PageBuilder(router: router, environment: environment)
    addAccountPages(to: pages)
    addHomePages(to: pages)
    addLotPages(to: pages)
    addTracePages(to: pages)
    addTraceWherePage(to: pages)
    addReceivingStation(to: pages)
    addIssueStation(to: pages)
    addShipStation(to: pages)
    addOperationStation(to: pages)
    addProduceStation(to: pages)
    addAcceptanceStation(to: pages)
    addTravelerPages(to: pages)
    addRecallPages(to: pages)
    let assets = WebAssets.shipped
    pages.get("web/assets/:file", .anyone) { request, context, _ in
        let name = try context.path("file")
        guard let asset = assets.files[name] else {
            throw LotlineError.notFound("asset-not-found", "no file '\(name)' among the web assets", value: name)
        }
        var headers = PageHeaders.common
        headers[.contentType] = asset.contentType
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}

/// The files pages load (the style sheet), read once at start from the server's resources; nothing from another site.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    var files: [String: Asset]

    static let shipped: WebAssets = {
        let folder = PageRenderer.resourceURL("Assets")
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        var files: [String: Asset] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let type = types[(name as NSString).pathExtension],
                let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
            else { continue }
            files[name] = Asset(bytes: Array(data), contentType: type)
        }
        return WebAssets(files: files)
    }()
}
