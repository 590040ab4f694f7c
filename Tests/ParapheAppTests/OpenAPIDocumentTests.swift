import Foundation
import Hummingbird
import NIOCore
@testable import ParapheApp
import ParapheCore
import ParapheDocuments
import ParapheStore
import Testing
import ParapheServices
import ParapheSignature

/// `openapi.json` (written by `scripts/openapi.py`) is hand-written: these tests keep it from drifting away from the
/// code. The router and the document must list the same operations, every enum in the document must hold the raw
/// values of the Swift enum it copies, and no key may be a Swift tuple label (`_0`: an unlabelled associated value
/// that leaked into an encoding).
@Suite struct OpenAPIDocumentTests {
    // MARK: Routes

    /// An HTTP method and a path whose parameters are written `{name}`.
    struct Endpoint: Hashable, Comparable, Sendable, CustomStringConvertible {
        var method: String
        var path: String

        var description: String { "\(method) \(path)" }
        static func < (a: Endpoint, b: Endpoint) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    @Test func theRouterAndTheDocumentListTheSameOperations() async throws {
        let registered = try await Self.registeredEndpoints()
        let document = try Self.document()
        let documented = Self.documentedEndpoints(document)
        #expect(registered.contains(Endpoint(method: "GET", path: "/api/v1/contracts/{id}")),
                "the router's routes were not listed as expected: \(registered.sorted())")
        #expect(documented.contains(Endpoint(method: "GET", path: "/api/v1/contracts/{id}")))

        // Compared: every route under /api/, plus the routes outside /api whose path the document lists (/health,
        // /metrics). The web UI's pages (/, /login, /contracts, /templates…) answer HTML to browsers and are not part
        // of the API, so the document leaves them out.
        let documentedPaths = Set(documented.map(\.path))
        let compared = registered.filter { $0.path.hasPrefix("/api/") || documentedPaths.contains($0.path) }
        let undocumented = compared.subtracting(documented).sorted()
        let unrouted = documented.subtracting(registered).sorted()
        #expect(undocumented.isEmpty, "registered but missing from openapi.json (describe them in scripts/openapi.py): \(undocumented)")
        #expect(unrouted.isEmpty, "described in openapi.json but not registered by buildRouter: \(unrouted)")
    }

    @Test func theServedDocumentIsTheResource() async throws {
        try await TestApp.run(.sqlite) { app in
            let reply = try await app.call(.get, "/api/openapi.json", as: nil)
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType] == "application/json")
            #expect(reply.body == OpenAPIDocument.bytes)
            #expect(reply.json["openapi"]?.string == "3.1.0")
        }
    }

    /// Every route `buildRouter` registers, read from Hummingbird's `Router.routes`.
    static func registeredEndpoints() async throws -> Set<Endpoint> {
        let config = try await TestDatabase.config(.sqlite)
        defer { try? FileManager.default.removeItem(atPath: config.dataDirectory) }
        return try await AppServices.standalone(config, migrate: false, logger: TestDatabase.logger) { services in
            Set(buildRouter(services).routes.map { route in
                Endpoint(method: route.method.rawValue.uppercased(), path: Self.normalised(route.path.description))
            })
        }
    }

    static func documentedEndpoints(_ document: JSONValue) -> Set<Endpoint> {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        guard case .object(let paths)? = document["paths"] else {
            Issue.record("openapi.json has no paths")
            return []
        }
        var found = Set<Endpoint>()
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for method in operations.keys where methods.contains(method) {
                found.insert(Endpoint(method: method.uppercased(), path: normalised(path)))
            }
        }
        return found
    }

    /// One form for both: Hummingbird registers `:id` (and describes it `{id}`), OpenAPI writes `{id}`. Wildcards
    /// (`*`, `**`) are left as they are: the document has none, so a route using one shows up as undocumented.
    static func normalised(_ path: String) -> String {
        let segments = path.split(separator: "/").map { segment in
            segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
        }
        return "/" + segments.joined(separator: "/")
    }

    // MARK: Enums

    /// A Swift enum and the places where the document copies its raw values. Locations are JSON pointers into the
    /// document, except that an array element with a `name` (a parameter) is addressed by its name, not its index.
    struct EnumCheck: Sendable {
        var swift: String
        var values: [String]
        var locations: [String]
    }

    static let enumChecks: [EnumCheck] = [
        EnumCheck(swift: "ContractStatus", values: ContractStatus.allCases.map(\.rawValue), locations: [
            schema("Contract/properties/status"), schema("Contract/properties/allowedTransitions/items"),
            schema("Approval/properties/contract/properties/status"), schema("QueueEntry/properties/contract/properties/status"),
            operation("get", "/api/v1/contracts", "parameters/status/schema"),
            operation("get", "/api/v1/reports/derogations/items", "responses/200/content/application~1json/schema/properties/items/items/properties/status"),
            operation("post", "/api/v1/contracts/{id}/transitions", jsonBody + "/properties/to"),
            operation("get", "/api/v1/reports/renewals", jsonOK + "/properties/items/items/properties/status"),
            schema("Obligation/properties/contractStatus"),
            operation("get", "/api/v1/reports/contracts", jsonOK + "/properties/timeInState/items/properties/status"),
        ]),
        EnumCheck(swift: "ContractGrouping", values: ContractGrouping.allCases.map(\.rawValue), locations: [
            operation("get", "/api/v1/reports/contracts", "parameters/groupBy/schema"), operation("get", "/api/v1/reports/contracts", jsonOK + "/properties/groupBy"),
        ]),
        EnumCheck(swift: "DerogationGrouping", values: DerogationGrouping.allCases.map(\.rawValue), locations: [
            operation("get", "/api/v1/reports/derogations", "parameters/groupBy/schema"),
            operation("get", "/api/v1/reports/derogations", "responses/200/content/application~1json/schema/properties/groupBy"),
        ]),
        EnumCheck(swift: "Role", values: Role.allCases.map(\.rawValue), locations: [
            schema("User/properties/roles/items"), schema("Alternative/properties/requiresApprovalBy/items"),
            schema("ApprovalStep/properties/role"), operation("post", "/api/v1/users", jsonBody + "/properties/roles/items"),
            schema("Approval/properties/reasons/items/properties/criteria/items/properties/role"),
            schema("Alternative/properties/obligations/items/properties/ownerRole"),
            schema("Clause/properties/obligations/items/properties/ownerRole"),
            schema("ClauseInput/properties/obligations/items/properties/ownerRole"),
            schema("ClauseInput/properties/alternatives/items/properties/obligations/items/properties/ownerRole"),
            schema("Obligation/properties/ownerRole"), operation("post", "/api/v1/contracts/{id}/obligations", jsonBody + "/properties/ownerRole"),
        ]),
        EnumCheck(swift: "Language", values: Language.allCases.map(\.rawValue), locations: [
            schema("User/properties/language"), schema("Template/properties/language"), schema("TemplateSummary/properties/language"),
            operation("post", "/api/v1/users", jsonBody + "/properties/language"),
            operation("post", "/api/v1/templates", jsonBody + "/properties/language"),
            schema("Signer/properties/language"), operation("post", "/sign/{token}/sign", jsonBody + "/properties/language"),
            operation("post", "/api/v1/contracts/{id}/signature-requests", jsonBody + "/properties/signers/items/properties/language"),
        ]),
        EnumCheck(swift: "Signer.Role", values: Signer.Role.allCases.map(\.rawValue), locations: [
            schema("Signer/properties/role"),
            operation("post", "/api/v1/contracts/{id}/signature-requests", jsonBody + "/properties/signers/items/properties/role"),
        ]),
        EnumCheck(swift: "Signer.Status", values: Signer.Status.allCases.map(\.rawValue), locations: [schema("Signer/properties/status")]),
        EnumCheck(swift: "SignatureRequest.Status", values: SignatureRequest.Status.allCases.map(\.rawValue), locations: [
            schema("SignatureRequest/properties/status"), operation("get", "/sign/{token}", jsonOK + "/properties/status"),
        ]),
        EnumCheck(swift: "SealVerification.Outcome", values: SealVerification.Outcome.allCases.map(\.rawValue), locations: [
            schema("SealCheck/properties/outcome"),
        ]),
        EnumCheck(swift: "SealVerification.Level", values: SealVerification.Level.allCases.map(\.rawValue), locations: [
            schema("SealCheck/properties/level"),
        ]),
        EnumCheck(swift: "CounterpartyKind", values: CounterpartyKind.allCases.map(\.rawValue), locations: [
            schema("Counterparty/properties/kind"), schema("CounterpartyInput/properties/kind"),
            schema("ApprovalCondition/properties/counterpartyKinds/items"),
            operation("post", "/api/v1/approval-policies/simulate", jsonBody + "/properties/contract/properties/counterpartyKind"),
            schema("Approval/properties/reasons/items/properties/criteria/items/properties/counterparty"),
            schema("Obligation/properties/counterpartyKind"), operation("get", "/api/v1/reports/obligations", "parameters/counterpartyKind/schema"),
        ]),
        EnumCheck(swift: "ApprovalCriterion.Kind", values: ApprovalCriterion.Kind.allCases.map(\.rawValue), locations: [
            schema("Approval/properties/reasons/items/properties/criteria/items/properties/kind"),
        ]),
        EnumCheck(swift: "RenewalMode", values: RenewalMode.allCases.map(\.rawValue), locations: [
            schema("Renewal/properties/mode"), schema("ContractInput/properties/renewal/anyOf/0/properties/mode"),
            operation("get", "/api/v1/reports/renewals", jsonOK + "/properties/items/items/properties/renewal/properties/mode"),
            operation("get", "/api/v1/reports/renewals", jsonOK + "/properties/items/items/properties/exception/properties/mode"),
        ]),
        EnumCheck(swift: "RenewalDecisionKind", values: RenewalDecisionKind.allCases.map(\.rawValue), locations: [
            schema("Renewal/properties/decision/properties/decision"),
            operation("get", "/api/v1/reports/renewals", jsonOK + "/properties/items/items/properties/decision/properties/decision"),
            operation("post", "/api/v1/contracts/{id}/renewal-decision", jsonBody + "/properties/decision"),
        ]),
        EnumCheck(swift: "ObligationStatus", values: ObligationStatus.allCases.map(\.rawValue), locations: [
            schema("Obligation/properties/status"), schema("Obligation/properties/history/items/properties/from"),
            schema("Obligation/properties/history/items/properties/to"),
        ]),
        EnumCheck(swift: "ObligationStatus.settable", values: ObligationStatus.settable.map(\.rawValue), locations: [
            operation("patch", "/api/v1/obligations/{id}", jsonBody + "/properties/status"),
        ]),
        EnumCheck(swift: "ObligationParty", values: ObligationParty.allCases.map(\.rawValue), locations: [
            schema("Alternative/properties/obligations/items/properties/owedBy"),
            schema("Clause/properties/obligations/items/properties/owedBy"),
            schema("ClauseInput/properties/obligations/items/properties/owedBy"),
            schema("ClauseInput/properties/alternatives/items/properties/obligations/items/properties/owedBy"),
            schema("Obligation/properties/owedBy"), operation("post", "/api/v1/contracts/{id}/obligations", jsonBody + "/properties/owedBy"),
            operation("get", "/api/v1/reports/obligations", "parameters/owedBy/schema"),
        ]),
        EnumCheck(swift: "ObligationOrigin", values: ObligationOrigin.allCases.map(\.rawValue), locations: [schema("Obligation/properties/origin")]),
        EnumCheck(swift: "ContractOrigin", values: ContractOrigin.allCases.map(\.rawValue), locations: [
            schema("Contract/properties/origin"),
        ]),
        EnumCheck(swift: "ApprovalMode", values: ApprovalMode.allCases.map(\.rawValue), locations: [
            schema("Approval/properties/mode"), schema("ApprovalStep/properties/mode"),
            operation("post", "/api/v1/approval-policies", jsonBody + "/properties/require/items/properties/mode"),
            operation("post", "/api/v1/approval-policies/simulate", jsonOK + "/properties/required/items/properties/mode"),
        ]),
        EnumCheck(swift: "Approval.Status", values: Approval.Status.allCases.map(\.rawValue), locations: [
            schema("Approval/properties/status"), operation("get", "/api/v1/approvals", "parameters/status/schema"),
        ]),
        EnumCheck(swift: "ApprovalDecisionKind", values: ApprovalDecisionKind.allCases.map(\.rawValue), locations: [
            schema("Approval/properties/decisions/items/properties/decision"),
            operation("post", "/api/v1/approvals/{id}/decision", jsonBody + "/properties/decision"),
        ]),
        EnumCheck(swift: "ApprovalRequest.Status", values: ApprovalRequest.Status.allCases.map(\.rawValue), locations: [
            schema("ApprovalRequest/properties/status"),
        ]),
        EnumCheck(swift: "ApprovalScope", values: ApprovalScope.allCases.map(\.rawValue), locations: [
            schema("ApprovalRule/properties/appliesTo"), operation("post", "/api/v1/approval-policies", jsonBody + "/properties/appliesTo"),
        ]),
        EnumCheck(swift: "SupplierRequest.Status", values: SupplierRequest.Status.allCases.map(\.rawValue), locations: [
            schema("SupplierRequest/properties/status"), schema("Approval/properties/supplierRequest/properties/status"),
        ]),
        EnumCheck(swift: "SignatureRefusal.code", values: refusalCodes, locations: [
            schema("NamedSignatory/properties/reason"),
            operation("get", "/api/v1/contracts/{id}/eligible-signatories", jsonOK + "/properties/ineligible/items/properties/reason"),
        ]),
        EnumCheck(swift: "TemplateVersionStatus", values: TemplateVersionStatus.allCases.map(\.rawValue), locations: [
            schema("TemplateVersion/properties/status"),
        ]),
        EnumCheck(swift: "VariableType", values: VariableType.allCases.map(\.rawValue), locations: [
            schema("Template/properties/variables/items/properties/type"),
        ]),
        EnumCheck(swift: "Webhook.eventTypes (ContractChange.Kind, AdminChange.Kind)", values: Webhook.eventTypes, locations: [
            schema("Event/properties/type"),
            operation("get", "/api/v1/webhooks/{id}/deliveries", jsonOK + "/properties/items/items/properties/eventType"),
        ]),
        EnumCheck(swift: "WebhookDelivery.Status", values: WebhookDelivery.Status.allCases.map(\.rawValue), locations: [
            operation("get", "/api/v1/webhooks/{id}/deliveries", jsonOK + "/properties/items/items/properties/status"),
        ]),
        EnumCheck(swift: "NotificationKind", values: NotificationKind.allCases.map(\.rawValue), locations: [
            schema("InboxItem/properties/kind"),
        ]),
        EnumCheck(swift: "OutgoingMail.Status", values: OutgoingMail.Status.allCases.map(\.rawValue), locations: [
            schema("Mail/properties/status"),
        ]),
        EnumCheck(swift: "Job.State", values: Job.State.allCases.map(\.rawValue), locations: [
            schema("Job/properties/state"), operation("get", "/api/v1/jobs", "parameters/state/schema"),
        ]),
        EnumCheck(swift: "Engine", values: Engine.allCases.map(\.rawValue), locations: [
            schema("Health/properties/database"),
        ]),
        EnumCheck(swift: "ContractQuery.Sort", values: ContractQuery.Sort.allCases.map(\.rawValue), locations: [
            operation("get", "/api/v1/contracts", "parameters/sort/schema"),
        ]),
        EnumCheck(swift: "CRMSystem", values: CRMSystem.allCases.map(\.rawValue), locations: [
            schema("CRMLink/properties/system"), schema("Integration/properties/system"),
            operation("post", "/api/v1/integrations", jsonBody + "/properties/system"),
            operation("patch", "/api/v1/integrations/{id}", jsonBody + "/properties/system"),
        ]),
        EnumCheck(swift: "FieldMapping.Direction", values: FieldMapping.Direction.allCases.map(\.rawValue), locations: [
            schema("Integration/properties/fieldMap/items/properties/direction"),
            operation("post", "/api/v1/integrations", jsonBody + "/properties/fieldMap/items/properties/direction"),
            operation("patch", "/api/v1/integrations/{id}", jsonBody + "/properties/fieldMap/items/properties/direction"),
        ]),
        EnumCheck(swift: "FieldMapping.Owner", values: FieldMapping.Owner.allCases.map(\.rawValue), locations: [
            schema("Integration/properties/fieldMap/items/properties/owner"),
            operation("post", "/api/v1/integrations", jsonBody + "/properties/fieldMap/items/properties/owner"),
            operation("patch", "/api/v1/integrations/{id}", jsonBody + "/properties/fieldMap/items/properties/owner"),
        ]),
        EnumCheck(swift: "IntegrationState.Token", values: IntegrationState.Token.allCases.map(\.rawValue), locations: [
            schema("Integration/properties/status/properties/token"),
        ]),
        EnumCheck(swift: "CRMLogEntry.Status", values: CRMLogEntry.Status.allCases.map(\.rawValue), locations: [
            schema("SyncLogEntry/properties/status"), operation("get", "/api/v1/integrations/{id}/log", "parameters/status/schema"),
        ]),
        EnumCheck(swift: "CRMLogEntry.Direction", values: CRMLogEntry.Direction.allCases.map(\.rawValue), locations: [
            schema("SyncLogEntry/properties/direction"), operation("get", "/api/v1/integrations/{id}/log", "parameters/direction/schema"),
        ]),
    ]

    /// Enums in the document that no Swift enum backs: the handler writes or reads the strings itself. Listed so that
    /// a new enum in the document must be placed in one table or the other.
    static let enumsWithoutSwiftEnum: [(location: String, why: String)] = [
        (schema("Health/properties/status"), "OperationsRoutes.health writes ok or unavailable"),
        (operation("get", "/api/v1/contracts", "parameters/col/schema"), "ContractColumn (app) names the exportable columns; ContractListFilterTests reads them back"),
        (operation("post", "/api/v1/saved-views", jsonBody + "/properties/path"), "SavedView.pages lists the paths (strings)"),
        (operation("get", "/api/v1/reports/contracts", jsonOK + "/properties/scope"), "ReportRoutes.contracts writes all or own from ReportWorkflow.Contracts.everyContract"),
        (schema("Verification/properties/auditChain"), "ContractRoutes.verify spells ChainVerdict, whose cases carry values"),
        (operation("get", "/api/v1/admin/events/verify", jsonOK + "/properties/chain"), "AdminLogRoutes.verify spells ChainVerdict"),
        (schema("Verification/properties/documents/items/properties/status"), "ContractRoutes.verify writes intact, altered or missing"),
        (schema("Document/properties/format"), "StoredDocument.format is a String (pdf or docx)"),
        (schema("QueueEntry/properties/parts/items/properties/name"), "LegalPriority.score names its parts with strings"),
        (operation("post", "/api/v1/templates/{id}/preview", "parameters/format/schema"), "TemplateRoutes.preview checks html, pdf or docx"),
        (operation("get", "/api/v1/contracts", "parameters/hasDerogation/schema"), "a Bool in the query string"),
        (operation("get", "/api/v1/inbox", "parameters/unread/schema"), "a Bool in the query string"),
        (operation("get", "/api/v1/templates", "parameters/published/schema"), "a Bool in the query string"),
        (operation("post", "/sign/{token}/sign", jsonBody + "/properties/signature/properties/kind"), "SignatureMarkInput reads typed or drawn"),
    ]

    /// `SignatureRefusal` carries values, so it is not `CaseIterable`: one of each case here. `position` fails to
    /// compile when a case is added, as a reminder to add it to this list as well.
    static let refusals: [SignatureRefusal] = [
        .inactive, .noAuthority, .typeNotCovered("msa"), .notYetValid(.first), .expired(.first),
        .amountAboveLimit(Money(amount: 1, currency: "EUR")), .currencyNotCovered("USD"),
    ]
    static let refusalCodes = refusals.map(\.code)

    static func position(_ refusal: SignatureRefusal) -> Int {
        switch refusal {
        case .inactive: 0
        case .noAuthority: 1
        case .typeNotCovered: 2
        case .notYetValid: 3
        case .expired: 4
        case .amountAboveLimit: 5
        case .currencyNotCovered: 6
        }
    }

    @Test func everyEnumHoldsTheValuesOfItsSwiftEnum() throws {
        #expect(Self.refusals.map(Self.position) == Array(Self.refusals.indices), "list each SignatureRefusal case once, in order")
        let document = try Self.document()
        let enums = Self.enums(in: document)
        for check in Self.enumChecks {
            #expect(!check.values.isEmpty, "\(check.swift) has no values")
            for location in check.locations {
                guard let listed = enums[location] else {
                    Issue.record("openapi.json has no enum at \(location) (the copy of \(check.swift))")
                    continue
                }
                let missing = Set(check.values).subtracting(listed).sorted()
                let unknown = Set(listed).subtracting(check.values).sorted()
                #expect(missing.isEmpty && unknown.isEmpty,
                        "\(location) differs from \(check.swift): missing \(missing), not in Swift \(unknown); fix scripts/openapi.py")
                #expect(listed.count == Set(listed).count, "\(location) lists a value twice: \(listed)")
            }
        }
        for exception in Self.enumsWithoutSwiftEnum {
            #expect(enums[exception.location] != nil,
                    "openapi.json has no enum at \(exception.location) any more: drop it from enumsWithoutSwiftEnum")
        }
        let accounted = Set(Self.enumChecks.flatMap(\.locations)).union(Self.enumsWithoutSwiftEnum.map { $0.location })
        let unaccounted = Set(enums.keys).subtracting(accounted).sorted()
        #expect(unaccounted.isEmpty,
                "enums not compared with any Swift enum: \(unaccounted); add each to enumChecks, or to enumsWithoutSwiftEnum with the reason")
    }

    static let jsonBody = "requestBody/content/application~1json/schema"
    static let jsonOK = "responses/200/content/application~1json/schema"

    static func schema(_ rest: String) -> String { "/components/schemas/" + rest }

    static func operation(_ method: String, _ path: String, _ rest: String) -> String {
        "/paths/\(escaped(path))/\(method)/\(rest)"
    }

    /// Every `enum` in the document, by location.
    static func enums(in document: JSONValue) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for node in nodes(of: document) where !node.pointer.hasSuffix("/properties") {
            if case .object(let members) = node.value, let values = members["enum"]?.array {
                found[node.pointer] = values.compactMap(\.string)
            }
        }
        return found
    }

    // MARK: Keys

    @Test func noKeyIsASwiftTupleLabel() throws {
        let document = try Self.document()
        for node in Self.nodes(of: document) {
            if case .object(let members) = node.value {
                for key in members.keys where Self.isTupleLabel(key) {
                    Issue.record("\(node.pointer) has the key \(key): an unlabelled associated value was encoded")
                }
            }
            if node.pointer.hasSuffix("/required"), let names = node.value.array {
                for name in names.compactMap(\.string) where Self.isTupleLabel(name) {
                    Issue.record("\(node.pointer) requires the key \(name): an unlabelled associated value was encoded")
                }
            }
        }
    }

    static func isTupleLabel(_ key: String) -> Bool {
        key.count > 1 && key.hasPrefix("_") && key.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    // MARK: The document

    static func document() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.bytes.readableBytesView))
    }

    /// Every value in the document with its location (see `EnumCheck`).
    static func nodes(of value: JSONValue, at pointer: String = "") -> [(pointer: String, value: JSONValue)] {
        var found: [(pointer: String, value: JSONValue)] = [(pointer: pointer, value: value)]
        switch value {
        case .object(let members):
            for (key, member) in members {
                found += nodes(of: member, at: pointer + "/" + escaped(key))
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                found += nodes(of: element, at: pointer + "/" + escaped(element["name"]?.string ?? String(index)))
            }
        default:
            break
        }
        return found
    }

    /// RFC 6901: `~` then `/`.
    static func escaped(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
