import Foundation
import NIOCore

/// The OpenAPI 3.1 description of every endpoint, served at `/api/openapi.json`.
///
/// The document is `openapi.json` beside this file, a resource of the ParapheApp target written by
/// `scripts/openapi.py` (edit the script, run it, commit both). `OpenAPIDocumentTests` checks it against the router
/// and the Swift enums; the end-to-end tests check real responses against it.
enum OpenAPIDocument {
    static let fileName = "openapi.json"

    /// The document's bytes, read once and served as they are. `OperationsRoutes` reads them while the router is
    /// built, so a binary without the resource stops at startup, naming the file, not at the first request for it.
    /// (Without the whole bundle, SwiftPM's `Bundle.module` stops first, naming the bundle.)
    static let bytes: ByteBuffer = {
        let bundle = Bundle.module
        let url = bundle.url(forResource: "openapi", withExtension: "json")
            ?? (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent(fileName)
        do {
            return ByteBuffer(bytes: try Data(contentsOf: url))
        } catch {
            fatalError("\(url.path) cannot be read (\(error.localizedDescription)): "
                       + "Package.swift must copy Operations/\(fileName) into ParapheApp's resources")
        }
    }()
}
