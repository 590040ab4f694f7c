import Foundation
import Hummingbird

/// `GET /`: the org's opportunities, as a salesperson sees them in Salesforce: move one to another stage, or press
/// the kit's "Créer le contrat dans Paraphe" button. For the demo; tests use the API.
struct SandboxPage {
    let org: Org
    /// Where the kit's button points (PARAPHE_PUBLIC_URL).
    let parapheURL: String?

    static let stages = ["Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review", "Contracting", "Closed Won", "Closed Lost"]

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await page() }
        // Where Paraphe's CRM links point, as Lightning record pages do.
        router.get("lightning/r/:type/:id/view") { _, context in
            Response(status: .seeOther, headers: [.location: "/#\(context.parameters.get("id") ?? "")"])
        }
        router.post("__sandbox/ui/opportunities/:id") { request, context in
            let form = SalesforceRoutes.form(String(buffer: try await request.body.collect(upTo: 4096)))
            if let id = context.parameters.get("id"), let stage = form["StageName"], Self.stages.contains(stage) {
                try? await org.update("Opportunity", id: id, ["StageName": .string(stage)])
            }
            return Response(status: .seeOther, headers: [.location: "/"])
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    func page() async throws -> Response {
        let opportunities = (try? await org.all("Opportunity")) ?? []
        let rows = opportunities.map { o -> String in
            let id = Self.escape(o["Id"]?.string ?? "")
            let stage = o["StageName"]?.string ?? ""
            let options = Self.stages.map { "<option value=\"\(Self.escape($0))\"\($0 == stage ? " selected" : "")>\(Self.escape($0))</option>" }.joined()
            let button = parapheURL.map { "<a href=\"\(Self.escape($0))/crm/salesforce/Opportunity/\(id)/contracts/new\" target=\"_blank\">Créer le contrat dans Paraphe</a>" } ?? ""
            return """
                <tr id="\(id)"><td>\(Self.escape(o["Name"]?.string ?? ""))</td><td>\(Self.escape(o["Amount"]?.string ?? ""))</td><td>\(Self.escape(o["CloseDate"]?.string ?? ""))</td>
                <td><form method="post" action="/__sandbox/ui/opportunities/\(id)"><select name="StageName" aria-label="Étape">\(options)</select> <button>Enregistrer</button></form></td>
                <td>\(Self.escape(o["Contract_Status__c"]?.string ?? "—"))</td><td>\(button)</td></tr>
                """
        }.joined()
        let html = """
            <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Bac à sable CRM</title>
            <style>body{font:15px system-ui;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.4rem .6rem;text-align:left}</style></head>
            <body><h1>Bac à sable Salesforce — opportunités</h1>
            <table><thead><tr><th>Opportunité</th><th>Montant</th><th>Clôture</th><th>Étape</th><th>Statut du contrat</th><th></th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=6>Aucune opportunité.</td></tr>" : rows)</tbody></table></body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
