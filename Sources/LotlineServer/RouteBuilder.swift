import Foundation
import HTTPTypes
import Hummingbird
import LotlineCore

/// Registers routes, each with who may call it: there is no way to add a route without saying.
struct RouteBuilder {
    let router: Router<LotlineRequestContext>
    let declarations: RouteDeclarations

    func get(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) {
        router.on(path, method: .get, access: access, declarations: declarations, use: handler)
    }

    func post(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) {
        router.on(path, method: .post, access: access, declarations: declarations, use: handler)
    }

    func patch(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) {
        router.on(path, method: .patch, access: access, declarations: declarations, use: handler)
    }

    func put(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) {
        router.on(path, method: .put, access: access, declarations: declarations, use: handler)
    }

    func delete(
        _ path: String, _ access: Access, use handler: @Sendable @escaping (Request, LotlineRequestContext) async throws -> some ResponseGenerator
    ) {
        router.on(path, method: .delete, access: access, declarations: declarations, use: handler)
    }
}
