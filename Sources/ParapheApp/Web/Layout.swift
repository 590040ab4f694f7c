import Foundation
import Hummingbird
import NIOCore
import ParapheCore
import ParapheDocuments
import Plot
import ParapheServices

/// The page frame: header with navigation, the content, and the stylesheet. Plain, legible, works on a phone.
struct Layout {
    let l: L10n
    let user: User?
    let csrf: String?
    /// The page being shown, to come back to after switching language.
    var path: String = "/contracts"
    var alerts: [CRMAlert] = []

    func page(_ title: String, _ content: [Node<HTML.BodyContext>], status: HTTPResponse.Status = .ok) -> Response {
        let html = HTML(
            .lang(l.language == .fr ? .french : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's .title() also writes og:/twitter: meta attributes without escaping them.
                .raw("<title>\(HTMLText.escape(title)) · Paraphe</title>"),
                .raw("<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">"),
                .style(Self.css),
                .raw("<script src=\"/assets/paraphe.js\" defer></script>")
            ),
            .body(
                .group([header(), E("main", ["id": "main"], banner() + content)] + toast() + [confirmation()])
            )
        )
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .init("Content-Security-Policy")!: Layout.contentSecurityPolicy, .init("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(string: html.render())))
    }

    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'"

    /// A link of the navigation: the current page is marked, for the eye and for screen readers.
    func link(_ href: String, _ label: String) -> Node<HTML.BodyContext> {
        let here = path == href || (href != "/contracts" && path.hasPrefix(href + "/")) || (href == "/contracts" && path.hasPrefix("/contracts/") && !path.hasPrefix("/contracts/new"))
        return E("li", [:], [E("a", ["href": href, "aria-current": here ? "page" : nil], text: label)])
    }

    /// The navigation in groups a person thinks in (*Contrats*, *À faire*, *Bibliothèque*, *Administration*), each a
    /// menu; only what the user may open is listed, by the same rules the server enforces. On a phone it folds
    /// behind the menu button (the script opens it; without the script it stays open).
    func header() -> Node<HTML.BodyContext> {
        guard let user else {
            return E("header", ["class": "top"], [E("a", ["href": "/", "class": "brand"], text: "Paraphe"), E("nav", ["class": "main"], [languageSwitch()])])
        }
        var groups: [(String, [Node<HTML.BodyContext>])] = []
        groups.append((l.t("Contrats", "Contracts"), [link("/contracts", l.t("Tous les contrats", "All contracts"))]
            + (user.canWriteContracts ? [link("/contracts/new", l(.newContract))] : [])
            + [link("/suppliers", l.t("Fournisseurs", "Suppliers"))]))
        groups.append((l.t("À faire", "To do"), [link("/tasks", l.t("Mes tâches", "My tasks"))]
            + (user.canWriteContracts ? [link("/requests", l.t("Mes demandes", "My requests"))] : [])
            + (user.managesApprovals ? [link("/queue", l.t("File juridique", "Legal queue"))] : [])))
        groups.append((l.t("Bibliothèque", "Library"), [link("/templates", l.t("Modèles", "Templates")), link("/clauses", l.t("Clauses", "Clauses"))]))
        groups.append((l.t("Pilotage", "Insights"), (user.seesAllContracts ? [link("/dashboard", l.t("Tableau de bord", "Dashboard")),
                                                                             link("/reports/derogations", l.t("Dérogations", "Derogations"))] : [])
            + [link("/reports/renewals", l.t("Renouvellements", "Renewals")), link("/reports/contracts", l.t("Activité contractuelle", "Contract activity")),
               link("/reports/obligations", l.t("Engagements", "Commitments")),
               link("/saved-views", l.t("Mes vues", "My views"))]))
        let admin = (user.managesApprovals ? [link("/settings/approvals", l.t("Règles de validation", "Approval rules")),
                                              link("/settings/signature-authorities", l.t("Délégations de signature", "Signature authority"))] : [])
            + (user.has(.admin) ? [link("/integrations", l.t("Intégrations CRM", "CRM integrations"))] : [])
        if !admin.isEmpty { groups.append((l.t("Administration", "Administration"), admin)) }
        return E("header", ["class": "top"], [
            E("a", ["href": "/", "class": "brand"], text: "Paraphe"),
            E("button", ["type": "button", "class": "menu-toggle secondary", "aria-expanded": "false", "aria-controls": "main-nav"], text: l.t("Menu", "Menu")),
            E("nav", ["class": "main", "id": "main-nav", "aria-label": l.t("Navigation principale", "Main navigation")], groups.map { title, links in
                E("details", ["class": "group"], [E("summary", [:], text: title), E("ul", [:], links)])
            } + [
                languageSwitch(),
                E("a", ["href": "/account", "aria-current": path.hasPrefix("/account") ? "page" : nil, "title": l.t("Mon compte", "My account")], text: user.name),
                E("form", ["method": "post", "action": "/logout", "class": "inline"], [
                    csrfField(),
                    E("button", ["type": "submit", "class": "link"], text: l(.logout)),
                ]),
            ]),
        ])
    }

    /// The success of the action that led here (`?done=` after a form's redirect), said once, in a toast that
    /// screen readers announce.
    func toast() -> [Node<HTML.BodyContext>] {
        guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first,
              let done = query.split(separator: "&").first(where: { $0.hasPrefix("done=") }).map({ String($0.dropFirst(5)) }),
              let message = l.done(done) else { return [] }
        return [E("div", ["class": "toast", "role": "status"], text: message)]
    }

    /// The question a move that cannot be taken back asks first (the script fills in the pressed button's words).
    /// *Revenir* comes first and takes the focus, so Enter or a hurried click keeps things as they are.
    func confirmation() -> Node<HTML.BodyContext> {
        E("dialog", ["id": "confirm", "aria-labelledby": "confirm-text"], [
            E("p", ["id": "confirm-text"], text: ""),
            E("div", ["class": "actions"], [
                // Not « Annuler »: beside « Annuler le contrat » it would read as the move itself.
                E("button", ["type": "button", "value": "no", "class": "secondary", "autofocus": ""], text: l.t("Revenir", "Go back")),
                E("button", ["type": "button", "value": "yes", "id": "confirm-yes"], text: l.t("Confirmer", "Confirm")),
            ]),
        ])
    }

    /// What an admin must know on every page: a CRM whose calls are held, whose credentials were refused, or whose
    /// map no longer matches it.
    func banner() -> [Node<HTML.BodyContext>] {
        alerts.map { alert in
            var problems: [String] = []
            if let until = alert.circuitOpenUntil {
                problems.append(l.t("limite d'appels atteinte, synchronisation suspendue jusqu'à \(l.time(until))",
                                    "API limit reached, sync paused until \(l.time(until))"))
            }
            if alert.tokenRefused { problems.append(l.t("identifiants refusés par le CRM", "credentials refused by the CRM")) }
            if alert.mapBroken { problems.append(l.t("correspondance des champs invalide", "field map no longer matches")) }
            return E("div", ["class": "alert crm-banner", "role": "alert"], [
                T("\(alert.name) : \(problems.joined(separator: " ; ")). "),
                E("a", ["href": "/integrations/\(alert.integrationId)"], text: l.t("Voir l'intégration", "Open the integration")),
            ])
        }
    }

    func languageSwitch() -> Node<HTML.BodyContext> {
        E("a", ["href": "/language/\(l.language == .fr ? "en" : "fr")?next=\(path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                "lang": l.language == .fr ? "en" : "fr"], text: l(.language))
    }

    func csrfField() -> Node<HTML.BodyContext> {
        V("input", ["type": "hidden", "name": "_csrf", "value": csrf ?? ""])
    }

    static let css = """
    :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--accent:#1f4fd1;--bad:#b42318;--bg:#f7f8fa}
    *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
    header.top{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;padding:.75rem 1.25rem;background:#fff;border-bottom:1px solid var(--line)}
    .brand{font-weight:700;font-size:1.2rem;color:var(--ink);text-decoration:none}
    nav.main{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}nav.main a{color:var(--accent)}
    nav.main details.group{position:relative}nav.main summary{cursor:pointer;padding:.35rem .6rem;border-radius:.35rem;font-weight:600;list-style:none}
    nav.main summary::after{content:" ▾";font-size:.8em;color:var(--muted)}nav.main summary:hover,nav.main details[open] summary{background:#eef2fd}
    nav.main details.current summary{color:var(--accent)}
    nav.main details ul{list-style:none;margin:0;padding:.35rem 0;position:absolute;z-index:10;min-width:14rem;background:#fff;border:1px solid var(--line);border-radius:.4rem;box-shadow:0 6px 18px rgba(20,30,60,.12)}
    nav.main details li a{display:block;padding:.4rem .9rem;text-decoration:none}nav.main details li a:hover{background:#f3f6fe}
    nav.main a[aria-current=page]{font-weight:700;text-decoration:underline}
    .menu-toggle{display:none}
    .toast{position:fixed;right:1rem;bottom:1rem;max-width:24rem;background:#14632b;color:#fff;padding:.7rem 1rem;border-radius:.5rem;box-shadow:0 6px 18px rgba(20,30,60,.2);z-index:20}
    .toast.gone{opacity:0;transition:opacity .6s}
    dialog#confirm{max-width:28rem;border:1px solid var(--line);border-radius:.6rem;padding:1.25rem 1.5rem;box-shadow:0 12px 32px rgba(20,30,60,.25)}
    dialog#confirm::backdrop{background:rgba(20,30,60,.45)}dialog#confirm p{margin-top:0;font-weight:600}
    main{max-width:1100px;margin:0 auto;padding:1.25rem}
    h1{font-size:1.6rem;margin:.25rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
    table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line)}
    th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:.85rem;color:var(--muted);font-weight:600}
    code{overflow-wrap:anywhere}
    canvas.pad{display:block;width:100%;max-width:600px;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff;touch-action:none}
    article.document{max-height:60vh;overflow:auto;border:1px solid var(--line);border-radius:6px;background:#fff;padding:.25rem 1rem}
    .badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#e8edfb;color:#1b3a8f;font-size:.85rem;white-space:nowrap}
    form.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin-bottom:1rem}form.filters input[type=search]{flex:1 1 16rem}
    form.filters select{max-width:100%;min-width:0}form.filters details.columns{flex-basis:100%}
    input,select,textarea,button{font:inherit;padding:.45rem .6rem;border:1px solid #b8bfcc;border-radius:.35rem;background:#fff;color:var(--ink)}
    button,.button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;text-decoration:none;display:inline-block;padding:.45rem .9rem;border-radius:.35rem}
    button.secondary{background:#fff;color:var(--accent)}button.link{background:none;border:none;color:var(--accent);padding:0;text-decoration:underline}
    form.inline{display:inline}
    .card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem}
    .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.75rem 1.5rem}
    dl{margin:0}dt{font-size:.85rem;color:var(--muted)}dd{margin:0 0 .6rem}
    label{display:block;font-weight:600;margin-bottom:.2rem}.field{margin-bottom:.9rem}.field input,.field select,.field textarea{width:100%}
    .help{font-size:.85rem;color:var(--muted)}.error{color:var(--bad);font-size:.9rem}.field.invalid input,.field.invalid select{border-color:var(--bad)}
    .alert{border-left:4px solid var(--bad);background:#fff1f0;padding:.6rem .9rem;margin-bottom:1rem}
    .empty{text-align:center;padding:3rem 1rem;background:#fff;border:1px dashed var(--line);border-radius:.5rem}
    ol.timeline{list-style:none;padding:0;margin:0}ol.timeline li{border-left:3px solid var(--line);padding:.2rem 0 .8rem .9rem}
    .muted{color:var(--muted)}.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
    .login{max-width:24rem;margin:3rem auto}
    .badge.ok{background:#e6f6ea;color:#14632b}.badge.bad{background:#fde2e1;color:#8a1c12}.badge.wait{background:#fff4e5;color:#8a4b00}
    progress{width:100%;height:.8rem}table.map input,table.map select{width:100%;min-width:6rem}
    .badge.derogation{background:#fff4e5;color:#8a4b00;white-space:normal}
    .badge.status-draft{background:#eef0f3;color:#3d4554}.badge.status-inReview{background:#fff4e5;color:#8a4b00}
    .badge.status-approved{background:#e3f1fb;color:#0b4f79}.badge.status-negotiating{background:#f3e8fd;color:#5b2a86}
    .badge.status-signing{background:#e8edfb;color:#1b3a8f}.badge.status-signed{background:#e6f6ea;color:#14632b}
    .badge.status-active{background:#d7f0de;color:#0f5323}.badge.status-renewed{background:#e0f4f1;color:#0c5a50}
    .badge.status-expired{background:#f1efe9;color:#5c5346}.badge.status-terminated{background:#fde2e1;color:#8a1c12}
    .badge.status-cancelled{background:#eef0f3;color:#5b6475;text-decoration:line-through}.muted-badge{background:#eef0f3;color:var(--muted)}
    .wizard{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
    .wizard .preview{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;font-family:Georgia,serif}
    .preview article h1{font-size:1.2rem;text-align:center}.preview article h2{font-size:1rem}.preview article p{text-align:justify}
    fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0 0 .9rem;padding:.6rem .9rem}legend{font-weight:600}
    .inline-fields{display:flex;gap:.5rem}.field .inline-fields input{flex:1;width:auto;min-width:0}.field .inline-fields select{flex:0 0 8rem;width:8rem}
    .field input[type=radio],.field input[type=checkbox]{width:auto;margin-right:.3rem}label.inline{display:inline;font-weight:400}
    .field.check label{font-weight:400}.choice{margin:.25rem 0}.choice textarea{width:100%;margin-top:.3rem}.required{color:var(--bad)}
    ul.picker{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.75rem}
    a.pick{display:block;text-decoration:none;color:var(--ink)}a.pick:hover{border-color:var(--accent)}
    textarea.code,pre.code{width:100%;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre;overflow:auto}
    pre.excerpt{background:#fff1f0;padding:.5rem;overflow:auto}.bad-line{display:block}.notice{border-left:4px solid #1a7f37;background:#edfbf0;padding:.6rem .9rem}
    ul.clauses{list-style:none;padding-left:0}ul.clauses li{margin-bottom:.4rem}
    .side-by-side .row{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:.35rem 0;border-bottom:1px solid var(--line)}
    .side-by-side .row.head{font-size:.85rem;color:var(--muted);font-weight:600}.side-by-side .row.changed{background:#fffaf0}
    .diff del{background:#fde2e1;color:#8a1c12}.diff ins{background:#dff5e3;color:#0f5323;text-decoration:underline}tr.current{background:#f3f6fe}
    ul.parts{list-style:none;padding:0;margin:0}ul.parts li{margin-bottom:.2rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    nav.stepper ol{list-style:none;display:flex;gap:.25rem;padding:0;margin:0 0 1rem}nav.stepper li{flex:1 1 0;min-width:0}
    nav.stepper li>a,nav.stepper li>span{display:flex;align-items:center;gap:.45rem;padding:.45rem .5rem;border-bottom:3px solid var(--line);color:var(--muted);text-decoration:none}
    nav.stepper li>a{color:var(--ink)}nav.stepper li>a:hover{background:#f3f6fe}
    .step-number{display:inline-flex;align-items:center;justify-content:center;width:1.6rem;height:1.6rem;border-radius:50%;background:#eef0f3;color:var(--ink);font-weight:700;font-size:.85rem;flex:none}
    nav.stepper [aria-current=step]{border-color:var(--accent);color:var(--accent);font-weight:600}nav.stepper [aria-current=step] .step-number{background:var(--accent);color:#fff}
    nav.stepper li.done>a{border-color:#1a7f37}nav.stepper li.done .step-number{background:#d7f0de;color:#0f5323}
    .js-only{display:none}.js .step-nav.js-only{display:flex}.step-nav{gap:.5rem;margin-top:1rem;flex-wrap:wrap;justify-content:flex-end}.step-nav .secondary{margin-right:auto}
    .js .wizard form .step{display:none}.js .wizard form .step.current{display:block}.step h2{margin-top:0}.step h2:focus{outline:none}
    .js .wizard[data-current="4"]{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
    .preview .article.marked{background:#fff7e6;border-left:4px solid #b76e00;padding:.1rem .6rem}
    .preview .mark-note{font-family:system-ui,sans-serif;font-size:.8rem;color:#8a4b00;font-weight:600;margin:.2rem 0}
    figure.chart{margin:0 0 1rem}svg.chart{width:100%;max-width:640px;height:auto;font:13px system-ui,sans-serif}
    .chart-bar{fill:var(--accent)}.chart-label{fill:var(--ink)}.chart-value{fill:var(--muted)}
    .home-cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(22rem,100%),1fr));gap:1rem;margin:0 0 1.5rem}.home-cards .card{margin:0}
    .months{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1.5rem}table.month{width:auto;table-layout:fixed;border-collapse:collapse;font-size:.85rem;background:#fff}
    table.month caption{font-weight:600;text-align:left;padding:.25rem 0}table.month th{width:2.5rem;padding:.15rem;font-weight:500;color:var(--muted)}
    table.month td{width:2.5rem;height:2.5rem;padding:.15rem;vertical-align:top;border:1px solid var(--line)}table.month td.due{background:#fff9ef}
    table.month td.today{outline:2px solid var(--accent);outline-offset:-2px}table.month .n{display:block;color:var(--muted)}
    .mark{display:inline-block;font-size:.75rem;margin-right:.3rem;white-space:nowrap}.mark::before{content:"";display:inline-block;width:.55rem;height:.55rem;border-radius:50%;margin-right:.2rem}
    .mark.cal-notice::before{background:#c0392b}.mark.cal-renewal::before{background:#0c8a7a}.mark.cal-ending::before{background:#8c8273}
    p.legend .mark{font-size:.85rem;margin-right:1rem}
    nav.tabs{display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 1rem;border-bottom:1px solid var(--line)}
    nav.tabs a{padding:.4rem .75rem;text-decoration:none;border-bottom:3px solid transparent}nav.tabs a[aria-current=page]{border-color:var(--accent);font-weight:600}
    ul.questions{margin:0;padding-left:1.2rem}ul.questions li{margin:.3rem 0}fieldset.phases{display:inline-flex;gap:.75rem;flex-wrap:wrap;margin:0}
    form.filters.card{align-items:center}
    p.ok{color:#14632b}ol.approvals{padding-left:1.2rem}.approvals-live h3{margin-top:0;font-size:1rem}
    @media (max-width:900px){.wizard,.js .wizard[data-current="4"]{grid-template-columns:1fr}.wizard .preview{position:static;max-height:none}}
    @media (max-width:760px){.js .menu-toggle{display:inline-block}.js nav.main{display:none;width:100%}.js nav.main.open{display:flex}
    nav.main{flex-direction:column;align-items:stretch}nav.main details ul{position:static;box-shadow:none;border:none;padding-left:.5rem}}
    @media (max-width:640px){nav.stepper .step-title{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    nav.stepper [aria-current=step] .step-title{position:static;width:auto;height:auto;clip:auto;overflow:hidden;text-overflow:ellipsis}
    nav.stepper li{flex:none}nav.stepper li:has([aria-current=step]){flex:1 1 auto}
    .side-by-side .row{grid-template-columns:1fr;gap:.2rem}.side-by-side .row.head{display:none}
    table.responsive thead{display:none}table.responsive tr{display:block;border-bottom:1px solid var(--line)}
    table.responsive td{display:block;border:none;padding:.25rem .7rem}table.responsive td:first-child{padding-top:.6rem}
    table.responsive td[data-label]::before{content:attr(data-label);display:block;font-size:.8rem;font-weight:600;color:var(--muted)}
    table.map thead{display:none}table.map,table.map tbody,table.map tr,table.map td{display:block;width:100%}
    table.map tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.map td{border:none;padding:.2rem .5rem}}
    """
}

extension Response {
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }
}
