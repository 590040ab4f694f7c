import Foundation
import ParapheCore
import ParapheServices
import ParapheStore
import Plot

/// The admin's CRM pages: the list with a connect form, and one integration's health, field map, rules and log.
struct IntegrationPages {
    let l: L10n
    let csrf: String?
    let now: Date

    func csrfField() -> Node<HTML.BodyContext> { V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""]) }

    func when(_ date: Date?) -> String { date.map { l.time($0) } ?? l.t("jamais", "never") }

    /// One badge for an integration's health.
    func health(_ v: IntegrationWorkflow.View) -> Node<HTML.BodyContext> {
        let s = v.state
        if !v.integration.active { return E("span", ["class": "badge muted-badge"], text: l.t("Déconnectée", "Disconnected")) }
        if s.circuitOpen(at: now) { return E("span", ["class": "badge bad"], text: l.t("Limite d'appels atteinte", "API limit reached")) }
        if s.token == .refused { return E("span", ["class": "badge bad"], text: l.t("Identifiants refusés", "Credentials refused")) }
        if !s.mapErrors.isEmpty { return E("span", ["class": "badge bad"], text: l.t("Correspondance invalide", "Field map broken")) }
        if s.lastError != nil { return E("span", ["class": "badge wait"], text: l.t("Nouvel essai prévu", "Retry scheduled")) }
        return E("span", ["class": "badge ok"], text: l.t("Connectée", "Connected"))
    }

    func field(_ name: String, _ label: String, value: String?, errors: [FieldError], type: String = "text", help: String? = nil) -> Node<HTML.BodyContext> {
        let mine = errors.filter { $0.field == name || $0.field.hasPrefix(name + ".") }
        return E("div", ["class": mine.isEmpty ? "field" : "field invalid"], [
            E("label", ["for": name], text: label),
            V("input", ["id": name, "name": name, "type": type, "value": type == "password" ? nil : value, "autocomplete": type == "password" ? "new-password" : nil]),
            help.map { E("div", ["class": "help"], text: $0) } ?? .group([]),
        ] + mine.map { E("div", ["class": "error"], text: l.crmMessage($0)) })
    }

    struct ListModel {
        var views: [IntegrationWorkflow.View]
        var form: WebForm
        var errors: [FieldError]
    }

    func list(_ model: ListModel) -> [Node<HTML.BodyContext>] {
        let views = model.views, form = model.form, errors = model.errors
        let table: Node<HTML.BodyContext> = views.isEmpty
            ? E("div", ["class": "empty"], [
                E("p", [:], text: l.t("Aucun CRM n'est connecté.", "No CRM is connected yet.")),
                E("p", ["class": "muted"], text: l.t("Connectez Salesforce ci-dessous : les contrats suivront les opportunités, et le CRM verra chaque signature.",
                                                     "Connect Salesforce below: contracts will follow opportunities, and the CRM will see every signature.")),
            ])
            : E("table", ["class": "responsive"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Nom", "Name")), E("th", [:], text: "CRM"), E("th", [:], text: l(.status)),
                                                E("th", [:], text: l.t("Dernier relevé", "Last poll")), E("th", [:], text: l.t("En attente d'envoi", "Waiting to send"))])]),
                E("tbody", [:], views.map { v in
                    E("tr", [:], [
                        E("td", [:], [E("a", ["href": "/integrations/\(v.integration.id)"], text: v.integration.name)]),
                        E("td", [:], text: v.integration.system.name),
                        E("td", [:], [health(v)]),
                        E("td", [:], text: when(v.state.lastPollAt)),
                        E("td", [:], text: Formatting.number(Decimal(v.pending), l.language)),
                    ])
                }),
            ])
        let system = form["system"] ?? "salesforce"
        return [
            E("h1", [:], text: l.t("Intégrations CRM", "CRM integrations")),
            table,
            E("h2", [:], text: l.t("Connecter un CRM", "Connect a CRM")),
            errors.isEmpty ? .group([]) : E("div", ["class": "alert", "role": "alert"], [T(l(.formErrors))]
                + errors.filter { !["system", "name", "baseUrl", "credentials.clientId", "credentials.clientSecret", "credentials.accessToken",
                                    "credentials.webhookSecret", "pipedrive.accessToken", "pipedrive.webhookUser", "pipedrive.webhookPassword"].contains($0.field) }
                    .map { E("div", [:], text: "\(fieldLabel($0.field)) : \(l.crmMessage($0))") }),
            E("form", ["method": "post", "action": "/integrations", "class": "card", "id": "connect"], [
                csrfField(),
                E("div", ["class": "field"], [
                    E("label", ["for": "system"], text: "CRM"),
                    E("select", ["id": "system", "name": "system"], CRMSystem.allCases.map { s in
                        E("option", ["value": s.rawValue, "selected": s.rawValue == system ? "" : nil], text: s.name)
                    }),
                ] + errors.filter { $0.field == "system" }.map { E("div", ["class": "error"], text: l.crmMessage($0)) }),
                field("name", l.t("Nom", "Name"), value: form["name"], errors: errors),
                field("baseUrl", l.t("Adresse de l'API", "API address"), value: form["baseUrl"], errors: errors,
                      help: l.t("Salesforce : https://votre-societe.my.salesforce.com ; HubSpot : https://api.hubapi.com ; Pipedrive : https://votre-societe.pipedrive.com",
                                "Salesforce: https://your-company.my.salesforce.com; HubSpot: https://api.hubapi.com; Pipedrive: https://your-company.pipedrive.com")),
                E("fieldset", [:], [
                    E("legend", [:], text: "Salesforce"),
                    field("credentials.clientId", l.t("Clé du client (application connectée)", "Consumer key (connected app)"), value: form["credentials.clientId"], errors: errors),
                    field("credentials.clientSecret", l.t("Secret du client", "Consumer secret"), value: nil, errors: errors, type: "password",
                          help: l.t("Chiffré au repos, jamais réaffiché.", "Encrypted at rest, never shown again.")),
                ]),
                E("fieldset", [:], [
                    E("legend", [:], text: "HubSpot"),
                    field("credentials.accessToken", l.t("Jeton de l'application privée", "Private app access token"), value: nil, errors: errors, type: "password",
                          help: l.t("Chiffré au repos, jamais réaffiché.", "Encrypted at rest, never shown again.")),
                    field("credentials.webhookSecret", l.t("Secret de l'application (signature des webhooks)", "App secret (webhook signatures)"), value: nil,
                          errors: errors, type: "password"),
                ]),
                E("fieldset", [:], [
                    E("legend", [:], text: "Pipedrive"),
                    field("pipedrive.accessToken", l.t("Jeton d'API", "API token"), value: nil, errors: errors, type: "password",
                          help: l.t("Chiffré au repos, jamais réaffiché.", "Encrypted at rest, never shown again.")),
                    field("pipedrive.webhookUser", l.t("Utilisateur des webhooks (authentification Basic)", "Webhook user (Basic auth)"),
                          value: form["pipedrive.webhookUser"], errors: errors),
                    field("pipedrive.webhookPassword", l.t("Mot de passe des webhooks", "Webhook password"), value: nil, errors: errors, type: "password"),
                ]),
                E("div", ["class": "field check"], [
                    V("input", ["type": "checkbox", "id": "allowPrivateNetwork", "name": "allowPrivateNetwork", "checked": form["allowPrivateNetwork"] == "on" ? "" : nil]),
                    E("label", ["for": "allowPrivateNetwork", "class": "inline"], text: l.t("Autoriser une adresse du réseau interne (bac à sable, CRM hébergé)",
                                                                                           "Allow an internal network address (sandbox, self-hosted CRM)")),
                ]),
                E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l.t("Connecter", "Connect"))]),
            ]),
        ]
    }

    struct DetailModel {
        var view: IntegrationWorkflow.View
        var hookURL: String
        var log: [CRMLogEntry]
        var filter: CRMLogFilter
        var nextCursor: String?
        var templates: [Template]
        var signatories: [User]
        var errors: [FieldError]
        var notice: String?
    }

    func detail(_ model: DetailModel) -> [Node<HTML.BodyContext>] {
        let v = model.view, hookURL = model.hookURL, log = model.log, filter = model.filter, nextCursor = model.nextCursor,
            templates = model.templates, signatories = model.signatories, errors = model.errors, notice = model.notice
        let i = v.integration, s = v.state
        let id = i.id.description
        var facts: [Node<HTML.BodyContext>] = [
            E("dt", [:], text: l.t("Connexion", "Connection")),
            E("dd", [:], text: s.token == .refused ? l.t("identifiants refusés : corrigez-les ci-dessous", "credentials refused: fix them below")
                  : s.token == .valid ? l.t("identifiants acceptés", "credentials accepted") : l.t("pas encore vérifiée", "not checked yet")),
            E("dt", [:], text: l.t("Appels", "Calls")),
            E("dd", [:], text: s.circuitOpen(at: now) ? l.t("suspendus jusqu'à \(when(s.circuitOpenUntil)) (limite du CRM atteinte)",
                                                          "held until \(when(s.circuitOpenUntil)) (the CRM's limit is reached)")
                  : l.t("normaux", "normal")),
            E("dt", [:], text: l.t("Dernier relevé", "Last poll")), E("dd", [:], text: when(s.lastPollAt)),
            E("dt", [:], text: l.t("Dernier succès", "Last success")), E("dd", [:], text: when(s.lastSuccessAt)),
            E("dt", [:], text: l.t("En attente d'envoi", "Waiting to send")), E("dd", [:], text: Formatting.number(Decimal(v.pending), l.language)),
            E("dt", [:], text: l.t("Refusés par le CRM", "Refused by the CRM")), E("dd", [:], text: Formatting.number(Decimal(v.rejected), l.language)),
            E("dt", [:], text: l.t("Contrats créés par les règles", "Contracts made by rules")), E("dd", [:], text: Formatting.number(Decimal(v.firings), l.language)),
            E("dt", [:], text: l.t("Adresse des notifications entrantes", "Inbound notification URL")), E("dd", [:], [E("code", [:], text: hookURL)]),
        ]
        if let error = s.lastError {
            facts += [E("dt", [:], text: l.t("Dernière erreur", "Last error")), E("dd", [:], [E("code", [:], text: error)])]
        }
        let progress: Node<HTML.BodyContext> = s.progress.map { p in
            E("div", ["class": "field", "id": "progress"], [
                E("label", ["for": "sync-progress"], text: l.t("Synchronisation en cours : \(p.done) sur \(p.total)", "Sync in progress: \(p.done) of \(p.total)")),
                E("progress", ["id": "sync-progress", "max": String(max(1, p.total)), "value": String(p.done)]),
            ])
        } ?? .group([])
        return [
            E("p", [:], [E("a", ["href": "/integrations"], text: "← " + l.t("Intégrations", "Integrations"))]),
            E("h1", [:], [T("\(i.name) "), health(v)]),
            notice.map { E("p", ["class": "notice", "role": "status"], text: $0) } ?? .group([]),
            s.mapErrors.isEmpty ? .group([]) : E("div", ["class": "alert", "role": "alert", "id": "map-errors"], [
                E("strong", [:], text: l.t("La correspondance des champs ne correspond plus au CRM : rien n'est envoyé tant qu'elle n'est pas corrigée.",
                                           "The field map no longer matches the CRM: nothing is sent until it is fixed.")),
                E("ul", [:], s.mapErrors.map { E("li", [:], text: "\(lineLabel($0.field)) : \(l.crmMessage($0))") }),
            ]),
            E("section", ["class": "card"], [E("dl", ["class": "grid"], stride(from: 0, to: facts.count, by: 2).map { E("div", [:], Array(facts[$0...min($0 + 1, facts.count - 1)])) }), progress,
                E("div", ["class": "actions"], [
                    E("form", ["method": "post", "action": "/integrations/\(id)/test", "class": "inline"], [csrfField(), E("button", ["type": "submit", "class": "secondary"], text: l.t("Tester la connexion", "Test the connection"))]),
                    E("form", ["method": "post", "action": "/integrations/\(id)/sync", "class": "inline"], [csrfField(), E("button", ["type": "submit"], text: l.t("Synchroniser maintenant", "Sync now"))]),
                    i.active ? E("form", ["method": "post", "action": "/integrations/\(id)/disconnect", "class": "inline",
                                          "data-confirm": l.t("Déconnecter \(i.name) ? Plus rien ne sera envoyé ni lu ; les contrats gardent leur lien.",
                                                              "Disconnect \(i.name)? Nothing will be sent or read any more; contracts keep their link.")],
                                 [csrfField(), E("button", ["type": "submit", "class": "secondary"], text: l.t("Déconnecter", "Disconnect"))]) : .group([]),
                ]),
            ]),
            E("h2", [:], text: l.t("Correspondance des champs", "Field map")),
            mapForm(i, errors: errors),
            E("h2", [:], text: l.t("Règles d'étape", "Stage rules")),
            rulesForm(i, templates: templates, signatories: signatories, errors: errors),
            E("h2", ["id": "log"], text: l.t("Journal de synchronisation", "Sync log")),
            logSection(id, log, filter: filter, nextCursor: nextCursor),
        ]
    }

    func fieldLabel(_ field: String) -> String {
        switch field {
        case "credentials": l.t("Identifiants", "Credentials")
        case "credentials.accessToken": l.t("Jeton d'accès", "Access token")
        case "credentials.webhookSecret": l.t("Secret de l'application", "App secret")
        case "pipedrive.accessToken": l.t("Jeton d'API Pipedrive", "Pipedrive API token")
        case "pipedrive.webhookUser": l.t("Utilisateur des webhooks", "Webhook user")
        case "pipedrive.webhookPassword": l.t("Mot de passe des webhooks", "Webhook password")
        default: lineLabel(field)
        }
    }

    func lineLabel(_ field: String) -> String {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), let n = Int(field[field.index(after: open)..<close]) else { return field }
        return field.hasPrefix("rules") ? l.t("Règle \(n + 1)", "Rule \(n + 1)") : l.t("Ligne \(n + 1)", "Line \(n + 1)")
    }

    func direction(_ d: FieldMapping.Direction) -> String {
        switch d {
        case .push: l.t("Paraphe → CRM", "Paraphe → CRM")
        case .pull: l.t("CRM → Paraphe", "CRM → Paraphe")
        case .both: l.t("Les deux", "Both ways")
        }
    }

    func mapForm(_ i: Integration, errors: [FieldError]) -> Node<HTML.BodyContext> {
        let rows = i.fieldMap + [FieldMapping(clmField: "", crmObject: "", crmField: "", direction: .push, owner: .clm)]
        let clmFields = (CLMField.pushable.keys.sorted() + CLMField.pullable.keys.sorted())
        return E("form", ["method": "post", "action": "/integrations/\(i.id)/map", "class": "card", "id": "field-map"], [
            csrfField(),
            E("p", ["class": "help"], text: l.t("Une ligne par champ. Paraphe possède le statut, les dates, les dérogations et le lien du PDF ; le CRM possède l'étape, le montant et la date de clôture jusqu'à la signature. « variables.nom » remplit une variable du modèle ; avec l'objet « products », les produits de l'affaire la remplissent (champ lines, names, total ou count) ; la première ligne qui a une valeur l'emporte. Laissez la dernière ligne vide pour n'en rien ajouter ; videz le champ CRM d'une ligne pour la retirer.",
                                                "One line per field. Paraphe owns status, dates, derogations and the PDF link; the CRM owns stage, amount and close date until signature. “variables.name” fills a template variable; with the object “products”, the deal's products fill it (field lines, names, total or count); the first line with a value wins. Leave the last line empty to add nothing; clear a line's CRM field to remove it.")),
            E("div", ["style": "overflow-x:auto"], [E("table", ["class": "map"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Champ Paraphe", "Paraphe field")), E("th", [:], text: l.t("Objet CRM", "CRM object")),
                                                E("th", [:], text: l.t("Champ CRM", "CRM field")), E("th", [:], text: l.t("Sens", "Direction")),
                                                E("th", [:], text: l.t("Propriétaire", "Owner"))])]),
                E("tbody", [:], rows.enumerated().map { n, m in
                    let p = "fieldMap[\(n)]"
                    let bad = errors.filter { $0.field.hasPrefix(p + ".") || $0.field == p }
                    let options = (clmFields.contains(m.clmField) || m.clmField.isEmpty ? clmFields : [m.clmField] + clmFields)
                    return E("tr", ["class": bad.isEmpty ? nil : "invalid"], [
                        E("td", [:], [E("select", ["name": "\(p).clmField", "aria-label": l.t("Champ Paraphe, ligne \(n + 1)", "Paraphe field, line \(n + 1)")],
                                        [E("option", ["value": ""], text: "—")] + options.map { E("option", ["value": $0, "selected": $0 == m.clmField ? "" : nil], text: l.clmField($0)) }),
                                      V("input", ["name": "\(p).variable", "placeholder": "variables.…", "value": CLMField.isVariable(m.clmField) ? m.clmField : nil,
                                                  "aria-label": l.t("Variable du modèle, ligne \(n + 1)", "Template variable, line \(n + 1)")])]),
                        E("td", [:], [V("input", ["name": "\(p).crmObject", "value": m.crmObject, "aria-label": l.t("Objet CRM, ligne \(n + 1)", "CRM object, line \(n + 1)")])]),
                        E("td", [:], [V("input", ["name": "\(p).crmField", "value": m.crmField, "aria-label": l.t("Champ CRM, ligne \(n + 1)", "CRM field, line \(n + 1)")])]
                            + bad.map { E("div", ["class": "error"], text: l.crmMessage($0)) }),
                        E("td", [:], [E("select", ["name": "\(p).direction", "aria-label": l.t("Sens, ligne \(n + 1)", "Direction, line \(n + 1)")],
                                        FieldMapping.Direction.allCases.map { d in E("option", ["value": d.rawValue, "selected": d == m.direction ? "" : nil], text: direction(d)) })]),
                        E("td", [:], [E("select", ["name": "\(p).owner", "aria-label": l.t("Propriétaire, ligne \(n + 1)", "Owner, line \(n + 1)")],
                                        FieldMapping.Owner.allCases.map { o in E("option", ["value": o.rawValue, "selected": o == m.owner ? "" : nil], text: o == .clm ? "Paraphe" : "CRM") })]),
                    ])
                }),
            ])]),
            E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l.t("Enregistrer et vérifier dans le CRM", "Save and check against the CRM"))]),
        ])
    }

    func rulesForm(_ i: Integration, templates: [Template], signatories: [User], errors: [FieldError]) -> Node<HTML.BodyContext> {
        let rows = i.rules + [StageRule(id: "", when: .init(object: i.system.dealObject, field: i.system == .salesforce ? "StageName" : "dealstage", equals: ""), templateId: "", autoSend: false)]
        return E("form", ["method": "post", "action": "/integrations/\(i.id)/rules", "class": "card", "id": "rules"], [
            csrfField(),
            E("p", ["class": "help"], text: l.t("Quand un enregistrement atteint la valeur indiquée, Paraphe génère le modèle une seule fois pour cet enregistrement, au nom de « Automatisation CRM ». Avec l'envoi pour signature, le contrat est soumis aux mêmes validations qu'une personne, puis envoyé au contact de l'opportunité une fois validé.",
                                                "When a record reaches the value, Paraphe generates the template once for that record, as “Automatisation CRM”. With sending for signature, the contract goes through the same approvals as a person's, then goes to the opportunity's contact once approved.")),
            E("table", ["class": "map"], [
                E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Objet", "Object")), E("th", [:], text: l.t("Champ", "Field")), E("th", [:], text: l.t("Valeur", "Equals")),
                                                E("th", [:], text: l.t("Type d'enregistrement", "Record type")), E("th", [:], text: l.t("Modèle", "Template")),
                                                E("th", [:], text: l.t("Envoi pour signature", "Send for signature")),
                                                E("th", [:], text: l.t("Signataire pour l'entreprise", "Signs for the company"))])]),
                E("tbody", [:], rows.enumerated().map { n, r in
                    let p = "rules[\(n)]"
                    let bad = errors.filter { $0.field.hasPrefix(p) && $0.field != "\(p).signatoryId" }
                    return E("tr", [:], [
                        E("td", [:], [V("input", ["type": "hidden", "name": "\(p).id", "value": r.id]),
                                      V("input", ["name": "\(p).when.object", "value": r.when.object, "aria-label": l.t("Objet, règle \(n + 1)", "Object, rule \(n + 1)")])]),
                        E("td", [:], [V("input", ["name": "\(p).when.field", "value": r.when.field, "aria-label": l.t("Champ, règle \(n + 1)", "Field, rule \(n + 1)")])]),
                        E("td", [:], [V("input", ["name": "\(p).when.equals", "value": r.when.equals, "aria-label": l.t("Valeur, règle \(n + 1)", "Value, rule \(n + 1)")])]),
                        E("td", [:], [V("input", ["name": "\(p).when.recordType", "value": r.when.recordType, "aria-label": l.t("Type d'enregistrement, règle \(n + 1)", "Record type, rule \(n + 1)")])]),
                        E("td", [:], [E("select", ["name": "\(p).templateId", "aria-label": l.t("Modèle, règle \(n + 1)", "Template, rule \(n + 1)")],
                                        [E("option", ["value": ""], text: "—")] + templates.map { t in
                                            E("option", ["value": t.id.description, "selected": t.id.description == r.templateId ? "" : nil], text: t.name)
                                        })] + bad.map { E("div", ["class": "error"], text: l.crmMessage($0)) }),
                        E("td", [:], [V("input", ["type": "checkbox", "name": "\(p).autoSend", "value": "on", "checked": r.autoSend ? "" : nil,
                                                  "aria-label": l.t("Envoyer pour signature une fois validé, règle \(n + 1)", "Send for signature once approved, rule \(n + 1)")])]),
                        E("td", [:], [E("select", ["name": "\(p).signatoryId", "aria-label": l.t("Signataire pour l'entreprise, règle \(n + 1)", "Signs for the company, rule \(n + 1)")],
                                        [E("option", ["value": ""], text: "—")] + signatories.map { u in
                                            E("option", ["value": u.id.description, "selected": u.id.description == r.signatoryId ? "" : nil], text: u.name)
                                        })] + errors.filter { $0.field == "\(p).signatoryId" }.map { E("div", ["class": "error"], text: l.crmMessage($0)) }),
                    ])
                }),
            ]),
            E("div", ["class": "actions"], [E("button", ["type": "submit"], text: l.t("Enregistrer les règles", "Save the rules"))]),
        ])
    }

    func status(_ s: CRMLogEntry.Status) -> Node<HTML.BodyContext> {
        switch s {
        case .ok: E("span", ["class": "badge ok"], text: l.t("Réussi", "Succeeded"))
        case .retrying: E("span", ["class": "badge wait"], text: l.t("Nouvel essai prévu", "Will retry"))
        case .failed: E("span", ["class": "badge bad"], text: l.t("Échec", "Failed"))
        case .refused: E("span", ["class": "badge bad"], text: l.t("Refusé", "Refused"))
        }
    }

    func operation(_ e: CRMLogEntry) -> String {
        switch (e.direction, e.operation) {
        case (.push, "replay"), (.pull, "replay"), (.check, "replay"): l.t("Relance manuelle", "Manual replay")
        case (.push, _): l.t("Envoi au CRM", "Sent to the CRM")
        case (.pull, "rule"): l.t("Règle d'étape", "Stage rule")
        case (.pull, CRMAutoSend.operation): l.t("Envoi automatique pour signature", "Automatic send for signature")
        case (.pull, "pull"): l.t("Mise à jour depuis le CRM", "Update from the CRM")
        case (.pull, _): l.t("Relevé des changements", "Change poll")
        case (.inbound, _): l.t("Notification entrante", "Inbound notification")
        case (.check, _): l.t("Vérification du CRM", "CRM check")
        }
    }

    func logSection(_ id: String, _ log: [CRMLogEntry], filter: CRMLogFilter, nextCursor: String?) -> Node<HTML.BodyContext> {
        let statuses: [(String, String)] = [("", l.t("Tous les résultats", "All results")), ("ok", l.t("Réussis", "Succeeded")),
                                            ("retrying", l.t("Nouvel essai prévu", "Will retry")), ("failed", l.t("Échecs", "Failed")), ("refused", l.t("Refusés", "Refused"))]
        let directions: [(String, String)] = [("", l.t("Tous les sens", "All directions")), ("push", l.t("Envois", "Sent")), ("pull", l.t("Relevés", "Read")),
                                              ("inbound", l.t("Entrants", "Inbound")), ("check", l.t("Vérifications", "Checks"))]
        let filters = E("form", ["method": "get", "action": "/integrations/\(id)#log", "class": "filters"], [
            E("select", ["name": "status", "aria-label": l(.status)], statuses.map { v, t in E("option", ["value": v, "selected": v == (filter.status?.rawValue ?? "") ? "" : nil], text: t) }),
            E("select", ["name": "direction", "aria-label": l.t("Sens", "Direction")], directions.map { v, t in E("option", ["value": v, "selected": v == (filter.direction?.rawValue ?? "") ? "" : nil], text: t) }),
            E("button", ["type": "submit", "class": "secondary"], text: l(.filter)),
        ])
        guard !log.isEmpty else {
            return .group([filters, E("div", ["class": "empty"], text: l.t("Aucune tentative ne correspond.", "No attempt matches."))])
        }
        let query = [filter.status.map { "status=\($0.rawValue)" }, filter.direction.map { "direction=\($0.rawValue)" }].compactMap { $0 }
        return .group([filters, E("table", ["class": "responsive", "id": "sync-log"], [
            E("thead", [:], [E("tr", [:], [E("th", [:], text: l.t("Quand", "When")), E("th", [:], text: l.t("Opération", "Operation")), E("th", [:], text: l(.status)),
                                            E("th", [:], text: l.t("Enregistrements", "Records")), E("th", [:], text: l.t("Appels", "Calls")),
                                            E("th", [:], text: l.t("Détail", "Detail")), E("th", [:], text: "")])]),
            E("tbody", [:], log.map { e in
                E("tr", [:], [
                    E("td", [:], text: when(e.at)),
                    E("td", [:], text: operation(e)),
                    E("td", [:], [status(e.status)]),
                    E("td", [:], text: Formatting.number(Decimal(e.records), l.language)),
                    E("td", [:], text: Formatting.number(Decimal(e.calls), l.language)),
                    E("td", [:], e.error.map { [E("code", [:], text: $0)] } ?? []),
                    E("td", [:], e.status == .ok || e.direction == .inbound ? [] : e.replayedAt != nil
                        ? [E("span", ["class": "muted"], text: l.t("relancé le \(when(e.replayedAt))", "replayed \(when(e.replayedAt))"))]
                        : [E("form", ["method": "post", "action": "/integrations/\(id)/log/\(e.id)/replay", "class": "inline"], [
                            csrfField(), E("button", ["type": "submit", "class": "secondary"], text: l.t("Relancer", "Replay")),
                        ])]),
                ])
            }),
        ]), nextCursor.map { E("p", [:], [E("a", ["href": "/integrations/\(id)?" + (query + ["cursor=\($0)"]).joined(separator: "&") + "#log"], text: l(.nextPage))]) } ?? .group([])])
    }
}

extension L10n {
    /// CRM field errors in the reader's language. Field and object names stay as the CRM spells them.
    func crmMessage(_ error: FieldError) -> String {
        guard language == .fr else { return error.message }
        return FrenchMessages.translate(error.message, using: FrenchMessages.crm) ?? fieldMessage(error)
    }
}
