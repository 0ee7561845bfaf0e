import Foundation
import HTTPTypes
import Hummingbird
import LotlineApp
import LotlineCore

/// The largest import body: history beyond it goes in several bodies (each known by its own digest) or through the CLI.
let importBodyLimit = 64 << 20

/// The media types an import body may be sent as: one JSON object per line.
let importMediaTypes: Set<String> = ["application/x-ndjson", "application/jsonl", "application/x-jsonlines"]

/// `POST /import`: history as import lines (what `lotline import` reads from a file), recorded as the signed-in user.
/// The body is known by the SHA-256 of its bytes: sending it again resumes after the last committed line or applies
/// nothing. Answered with the import's report, refused lines by number; `atomic=true` keeps all or nothing.
func addImportRoute(to routes: RouteBuilder, _ environment: ServerEnvironment) {
    routes.post("import", .permission(.importHistory)) { request, context in
        let query = try QueryInput(request, allowed: ["atomic", "restart", "name"])
        let type = request.headers[.contentType] ?? ""
        guard importMediaTypes.contains(BodyInput.mediaType(of: request)) else {
            throw LotlineError.badInput(
                "content-type-invalid",
                "import lines are sent as Content-Type: application/x-ndjson (one JSON object per line), not '\(type.prefix(80))'",
                value: String(type.prefix(80)))
        }
        let upload = try HistoryUpload(name: query["name"], bytes: Data(try await request.body.collect(upTo: importBodyLimit).readableBytesView))
        guard !upload.bytes.isEmpty else { throw LotlineError.badInput("body-empty", "the body holds no import lines") }
        let atomic = try query.bool("atomic") ?? false, restart = try query.bool("restart") ?? false
        let session = try environment.session(context)
        return JSONBody(try await offCooperativePool { try session.importHistory(upload, atomic: atomic, restart: restart) })
    }
}
