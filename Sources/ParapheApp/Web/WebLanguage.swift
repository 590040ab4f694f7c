import Foundation
import Hummingbird
import ParapheCore
import ParapheServices

enum WebLanguage {
    static let cookie = "paraphe_lang"

    /// The language chosen in the UI (cookie), else the browser's first supported one, else French.
    static func preferred(_ request: Request) -> Language {
        if let chosen = request.cookies[cookie].flatMap({ Language(rawValue: $0.value) }) { return chosen }
        let header = request.headers[.acceptLanguage] ?? ""
        for item in header.split(separator: ",") {
            guard let tag = item.split(separator: ";").first else { continue }
            if let language = Language(rawValue: tag.trimmingCharacters(in: .whitespaces).prefix(2).lowercased()) { return language }
        }
        return .fr
    }
}

/// Every UI string, in French and English.
struct L10n {
    let language: Language
    /// The names of the library's clauses, the contract types and the variables, for pages that show them.
    var vocabulary: Vocabulary = .empty
    /// Where the reader reads times: their own zone when signed in, Paris otherwise.
    var zone: TimeZone = Formatting.defaultTimeZone

    init(language: Language, vocabulary: Vocabulary = .empty, zone: TimeZone = Formatting.defaultTimeZone) {
        self.language = language
        self.vocabulary = vocabulary
        self.zone = zone
    }

    /// The page's language, and the signed-in reader's time zone.
    init(_ context: AppContext, vocabulary: Vocabulary = .empty) {
        self.init(language: context.language, vocabulary: vocabulary,
                  zone: context.user.flatMap { TimeZone(identifier: $0.timeZone) } ?? Formatting.defaultTimeZone)
    }

    func period(_ p: Period?) -> String { p.map { Formatting.period($0, language) } ?? self(.none) }
    func money(_ m: Money?) -> String { m.map { Formatting.money($0, language) } ?? self(.none) }
    func time(_ date: Date) -> String { Formatting.timestamp(date, language, in: zone) }
    func roles(_ roles: [Role]) -> String { roles.map { Vocabulary.role($0, language) }.joined(separator: ", ") }
    func reason(_ r: ApprovalReason) -> String { r.describe(language, vocabulary) }
    /// A reason in the audit trail: Paraphe's own phrased in the reader's language, a person's quoted as written.
    func auditReason(_ stored: String) -> String {
        SystemReason(stored: stored).map { $0.phrase(language) } ?? t("« \(stored) »", "“\(stored)”")
    }
    /// Who decides a step: a team, or the people named, and whether all of them must.
    func approvalStep(_ s: ApprovalStep) -> String {
        (s.role.map(role) ?? t("personnes nommées", "named people")) + (s.mode == .all ? t(" (tous)", " (all)") : "")
    }
    func currency(_ code: String) -> String {
        let names = ["EUR": Phrase("euro (€)", "euro (€)"), "USD": Phrase("dollar américain ($)", "US dollar ($)"),
                     "GBP": Phrase("livre sterling (£)", "pound sterling (£)"), "CHF": Phrase("franc suisse", "Swiss franc")]
        return names[code]?(language) ?? code
    }

    /// What a finished action says, by the `done` key its redirect carries; nil for a key pages handle themselves.
    func done(_ key: String) -> String? {
        switch key {
        case "contract-created": return t("Contrat créé.", "Contract created.")
        case "contract-saved": return t("Modifications enregistrées.", "Changes saved.")
        case "account-saved": return t("Préférences enregistrées.", "Preferences saved.")
        case "contract-submitted": return t("Contrat créé et envoyé en revue : les validateurs sont prévenus.", "Contract created and sent for review: the approvers are notified.")
        case "view-saved": return t("Vue enregistrée : retrouvez-la dans « Mes vues ».", "View saved: find it in “My views”.")
        case "view-deleted": return t("Vue supprimée.", "View deleted.")
        case "obligation-saved": return t("Engagement mis à jour : le changement est dans son historique.", "Commitment updated: the change is in its history.")
        case "obligation-added": return t("Engagement ajouté au registre.", "Commitment added to the register.")
        case "clauses-changed": return t("Clauses modifiées : les documents sont régénérés et les engagements suivent.",
                                         "Clauses changed: the documents are generated again and the commitments follow.")
        case "renewal-renew": return t("Reconduction enregistrée.", "Renewal recorded.")
        case "renewal-renegotiate": return t("Dénonciation en vue de renégociation enregistrée : la lettre de préavis est dans les documents.",
                                             "Notice to renegotiate recorded: the notice letter is among the documents.")
        case "renewal-terminate": return t("Résiliation enregistrée : la lettre de préavis est dans les documents.",
                                           "Termination recorded: the notice letter is among the documents.")
        case "contract-approved": return t("Contrat créé et approuvé : aucune validation n'était requise.", "Contract created and approved: no approval was required.")
        default:
            guard key.hasPrefix("moved-"), let to = ContractStatus(rawValue: String(key.dropFirst(6))) else { return nil }
            return to == .inReview ? t("Contrat envoyé en revue : les validateurs sont prévenus.", "Contract sent for review: the approvers are notified.")
                : t("Contrat passé à l'état « \(status(to)) ».", "Contract moved to “\(status(to))”.")
        }
    }

    /// The question asked before a move that cannot be taken back, or that hands the contract to others.
    func confirmation(_ to: ContractStatus) -> String? {
        switch to {
        case .inReview: t("Envoyer ce contrat en revue ? Il ne pourra plus être modifié tant que les validateurs n'auront pas décidé.",
                          "Send this contract for review? It cannot be changed until the approvers have decided.")
        case .cancelled: t("Annuler ce contrat ? C'est définitif.", "Cancel this contract? This is final.")
        case .terminated: t("Résilier ce contrat ? C'est définitif.", "Terminate this contract? This is final.")
        case .expired: t("Marquer ce contrat comme expiré ? C'est définitif.", "Mark this contract as expired? This is final.")
        case .signed: t("Marquer ce contrat comme signé ?", "Mark this contract as signed?")
        default: nil
        }
    }

    func derogationCount(_ n: Int) -> String {
        switch n {
        case 0: t("Aucune dérogation", "No derogation")
        case 1: t("1 dérogation", "1 derogation")
        default: t("\(n) dérogations", "\(n) derogations")
        }
    }

    /// A contract field named in the timeline ("fields edited").
    func contractField(_ name: String) -> String {
        switch name {
        case "title": self(.title).lowercased()
        case "counterpartyId", "counterparty": self(.counterparty).lowercased()
        case "amount": self(.amount).lowercased()
        case "startDate": self(.startDate).lowercased()
        case "endDate": self(.endDate).lowercased()
        case "renewal", "renewalMode", "renewalPeriod", "renewalNotice": self(.renewal).lowercased()
        case "type": t("type", "type")
        case "metadata": self(.metadata).lowercased()
        case "priority": t("priorité", "priority")
        default: metadataField(name).lowercased()
        }
    }

    func counterpartyKind(_ kind: CounterpartyKind) -> String { Vocabulary.counterpartyKind(kind, language) }

    /// What Paraphe sends to or reads from a CRM, as the field map names it.
    func clmField(_ key: String) -> String {
        if CLMField.isVariable(key) { return t("Variable du modèle\u{00A0}: ", "Template variable: ") + vocabulary.variable(String(key.dropFirst(10))) }
        return switch key {
        case "id": t("Identifiant Paraphe", "Paraphe id")
        case "reference": self(.reference)
        case "title": self(.title)
        case "status": self(.status)
        case "signedDate": t("Date de signature", "Signature date")
        case "startDate": self(.startDate)
        case "endDate": self(.endDate)
        case "renewalDate": t("Date de reconduction", "Renewal date")
        case "noticeDeadline": self(.noticeDeadline)
        case "amount": self(.amount)
        case "derogations": t("Dérogations", "Derogations")
        case "documentUrl": t("Lien du PDF signé", "Signed PDF link")
        case "contractUrl": t("Lien du contrat dans Paraphe", "Contract link in Paraphe")
        case "dealLink": t("Lien vers l'affaire", "Link to the deal")
        default: metadataField(key)
        }
    }

    /// The contract's metadata read from the CRM and imports, by their labels.
    func metadataField(_ key: String) -> String {
        switch key {
        case "closeDate": t("Date de clôture prévue (CRM)", "Expected close date (CRM)")
        case "stage": t("Étape de l'affaire (CRM)", "Deal stage (CRM)")
        case "dealAmount": t("Montant de l'affaire (CRM)", "Deal amount (CRM)")
        default: key
        }
    }

    func metadataValue(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): Day(s).map { Formatting.day($0, language) } ?? s
        case .number(let d): Formatting.number(d, language)
        case .bool(let b): b ? t("oui", "yes") : t("non", "no")
        case .null: self(.none)
        default: VariableCondition.display(value, language)
        }
    }

    /// A chosen clause variant as the library names it, for badges: the alternative's title, or "negotiated text".
    func variant(_ c: ClauseInstance) -> String {
        switch c.variant {
        case .alternative(let key): vocabulary.alternative(key, of: c.key)
        case .custom: t("texte négocié", "negotiated text")
        case .standard: t("texte standard", "standard text")
        }
    }

    /// A string used on one page only, given in both languages where it is used.
    func t(_ fr: String, _ en: String) -> String { language == .fr ? fr : en }

    func callAsFunction(_ key: Key) -> String {
        let pair = Self.strings[key] ?? ("\(key)", "\(key)")
        return language == .fr ? pair.0 : pair.1
    }

    enum Key: Hashable {
        case appTagline, login, logout, email, password, signIn, badLogin, tooManyLogins, staleLoginForm, contracts, newContract, search, searchPlaceholder
        case status, type, allStatuses, allTypes, filter, reference, title, counterparty, amount, currency, startDate, endDate
        case renewal, renewalNone, renewalTacit, renewalExplicit, renewalPeriod, renewalNotice, nextRenewal, noticeDeadline, currentTermEnd
        case emptyTitle, emptyBody, emptySearch, nextPage, save, cancel, edit, create, moveTo, reason, timeline, documents, noDocuments
        case metadata, owner, createdAt, updatedAt, none, formErrors, notFound, forbidden, backToList, language, download
        case amountHelp, signedAt, auditValid, auditBroken, csrfExpired, noCounterparty
    }

    static let strings: [Key: (String, String)] = [
        .appTagline: ("Contrats", "Contracts"),
        .login: ("Connexion", "Sign in"),
        .logout: ("Se déconnecter", "Sign out"),
        .email: ("Adresse e-mail", "Email"),
        .password: ("Mot de passe", "Password"),
        .signIn: ("Se connecter", "Sign in"),
        .badLogin: ("Adresse e-mail ou mot de passe incorrect.", "Wrong email or password."),
        .staleLoginForm: ("Le formulaire a expiré ou ne vient pas de Paraphe. Saisissez à nouveau vos identifiants.",
                          "This form has expired or did not come from Paraphe. Please sign in again."),
        .tooManyLogins: ("Trop d'échecs de connexion. Réessayez dans quelques minutes.", "Too many failed sign-ins. Try again in a few minutes."),
        .contracts: ("Contrats", "Contracts"),
        .newContract: ("Nouveau contrat", "New contract"),
        .search: ("Rechercher", "Search"),
        .searchPlaceholder: ("Titre, cocontractant, référence, texte…", "Title, counterparty, reference, text…"),
        .status: ("Statut", "Status"),
        .type: ("Type", "Type"),
        .allStatuses: ("Tous les statuts", "All statuses"),
        .allTypes: ("Tous les types", "All types"),
        .filter: ("Filtrer", "Filter"),
        .reference: ("Référence", "Reference"),
        .title: ("Titre", "Title"),
        .counterparty: ("Cocontractant", "Counterparty"),
        .amount: ("Montant", "Amount"),
        .currency: ("Devise", "Currency"),
        .startDate: ("Date de début", "Start date"),
        .endDate: ("Date de fin", "End date"),
        .renewal: ("Renouvellement", "Renewal"),
        .renewalNone: ("Aucun", "None"),
        .renewalTacit: ("Reconduction tacite", "Tacit renewal"),
        .renewalExplicit: ("Renouvellement exprès", "Explicit renewal"),
        .renewalPeriod: ("Durée de reconduction", "Renewal period"),
        .renewalNotice: ("Préavis", "Notice period"),
        .nextRenewal: ("Prochaine reconduction", "Next renewal"),
        .noticeDeadline: ("Date limite de préavis", "Notice deadline"),
        .currentTermEnd: ("Fin de la période en cours", "Current term ends"),
        .emptyTitle: ("Aucun contrat pour l'instant", "No contracts yet"),
        .emptyBody: ("Créez votre premier contrat ou importez vos PDF signés avec « paraphe import ».",
                     "Create your first contract, or import your signed PDFs with “paraphe import”."),
        .emptySearch: ("Aucun contrat ne correspond à cette recherche.", "No contract matches this search."),
        .nextPage: ("Page suivante", "Next page"),
        .save: ("Enregistrer", "Save"),
        .cancel: ("Annuler", "Cancel"),
        .edit: ("Modifier", "Edit"),
        .create: ("Créer le contrat", "Create contract"),
        .moveTo: ("Passer à", "Move to"),
        .reason: ("Motif (facultatif)", "Reason (optional)"),
        .timeline: ("Historique", "Timeline"),
        .documents: ("Documents", "Documents"),
        .noDocuments: ("Aucun document.", "No documents."),
        .metadata: ("Métadonnées", "Metadata"),
        .owner: ("Responsable", "Owner"),
        .createdAt: ("Créé le", "Created"),
        .updatedAt: ("Modifié le", "Updated"),
        .none: ("—", "—"),
        .formErrors: ("Corrigez les champs signalés.", "Please fix the fields marked below."),
        .notFound: ("Ce contrat n'existe pas ou ne vous est pas accessible.", "This contract does not exist or is not visible to you."),
        .forbidden: ("Vous n'avez pas le droit de faire cela.", "You are not allowed to do this."),
        .backToList: ("Retour aux contrats", "Back to contracts"),
        .language: ("English", "Français"),
        .download: ("Télécharger", "Download"),
        .amountHelp: ("Hors taxes, p. ex. 12 000,00", "Excluding tax, e.g. 12,000.00"),
        .signedAt: ("Signé le", "Signed"),
        .auditValid: ("Piste d'audit intègre", "Audit trail intact"),
        .auditBroken: ("Piste d'audit altérée", "Audit trail broken"),
        .csrfExpired: ("Le formulaire a expiré ; rechargez la page et recommencez.", "The form expired; reload the page and try again."),
        .noCounterparty: ("Aucun", "None"),
    ]

    func status(_ s: ContractStatus) -> String { Vocabulary.status(s, language) }

    /// The button that moves a contract to `s`.
    func action(_ s: ContractStatus) -> String {
        let fr: [ContractStatus: String] = [.draft: "Renvoyer en brouillon", .inReview: "Envoyer en revue", .approved: "Approuver",
                                            .negotiating: "Passer en négociation", .signing: "Envoyer en signature", .signed: "Marquer comme signé",
                                            .active: "Marquer en vigueur", .renewed: "Reconduire", .expired: "Marquer comme expiré",
                                            .terminated: "Résilier", .cancelled: "Annuler le contrat"]
        let en: [ContractStatus: String] = [.draft: "Back to draft", .inReview: "Send for review", .approved: "Approve",
                                            .negotiating: "Start negotiation", .signing: "Send for signature", .signed: "Mark as signed",
                                            .active: "Mark as active", .renewed: "Renew", .expired: "Mark as expired",
                                            .terminated: "Terminate", .cancelled: "Cancel contract"]
        return (language == .fr ? fr : en)[s] ?? s.rawValue
    }

    /// A contract event's type as the timeline names it; exhaustive, so a new kind of event cannot go unnamed.
    func eventType(_ type: String) -> String {
        guard let kind = ContractChange.Kind(rawValue: type) else { return type }
        return switch kind {
        case .created: t("Contrat créé", "Contract created")
        case .transitioned: t("Changement de statut", "Status changed")
        case .edited: t("Contrat modifié", "Contract edited")
        case .sentBackToReview: t("Renvoyé en revue", "Sent back to review")
        case .documentAdded: t("Document ajouté", "Document added")
        case .shared: t("Contrat partagé", "Contract shared")
        case .generated: t("Généré depuis un modèle", "Generated from a template")
        case .approvalRequested: t("Validation demandée", "Approval requested")
        case .approvalDecided: t("Décision de validation", "Approval decision")
        case .approvalWithdrawn: t("Demande de validation retirée", "Approval request withdrawn")
        case .approvalReassigned: t("Validation réassignée", "Approval reassigned")
        case .approvalCompleted: t("Étape de validation close", "Approval step completed")
        case .signatoryNamed: t("Signataire désigné", "Signatory named")
        case .signatoryRemoved: t("Signataire retiré", "Signatory removed")
        case .signatureRequested: t("Envoyé pour signature", "Sent for signature")
        case .signerNotified: t("Lien de signature envoyé", "Signing link sent")
        case .signerStep: t("Étape de signature", "Signing step")
        case .signerSigned: t("Signature apposée", "Signature given")
        case .signatureDeclined: t("Signature refusée", "Signature declined")
        case .signatureCancelled: t("Demande de signature annulée", "Signature request cancelled")
        case .signatureExpired: t("Demande de signature expirée", "Signature request expired")
        case .signerEmailChanged: t("Adresse d'un signataire corrigée", "Signer's address corrected")
        case .sealed: t("Document scellé", "Document sealed")
        case .signedElsewhere: t("Signé hors de Paraphe", "Signed outside Paraphe")
        case .renewalDecided: t("Décision de renouvellement", "Renewal decision")
        case .renewedTacitly: t("Reconduit tacitement", "Renewed tacitly")
        case .noticeAlerted: t("Alerte de préavis envoyée", "Notice alert sent")
        case .clausesChanged: t("Clauses modifiées", "Clauses changed")
        case .obligationAdded: t("Engagement ajouté", "Commitment added")
        case .obligationChanged: t("Engagement mis à jour", "Commitment updated")
        }
    }

    /// What a renewal event adds to its line in the timeline: the decision and the dates it moved.
    func renewalDetail(_ e: AuditEvent) -> String? {
        func day(_ key: String) -> String? {
            if case .string(let text)? = e.data[key], let d = Day(text) { return Formatting.day(d, language) }
            return nil
        }
        switch ContractChange.Kind(rawValue: e.type) {
        case .renewalDecided?:
            guard case .string(let raw)? = e.data["decision"], let kind = RenewalDecisionKind(rawValue: raw) else { return nil }
            let moved = day("newEndDate").map { t(", jusqu'au \($0)", ", until \($0)") } ?? ""
            return " : " + renewalDecision(kind) + (day("termEnd").map { t(" (terme du \($0))", " (term ending \($0))") } ?? "") + moved
        case .renewedTacitly?:
            return day("termEnd").map { t(" jusqu'au \($0)", " until \($0)") }
        case .noticeAlerted?:
            guard case .number(let days)? = e.data["daysBefore"], let deadline = day("noticeDeadline") else { return nil }
            return t(" : J-\(days) avant le \(deadline)", ": \(days) days before \(deadline)")
        default: return nil
        }
    }

    func renewalDecision(_ kind: RenewalDecisionKind) -> String {
        RenewalPresentation(language: language, today: Day.last).decision(kind)
    }

    /// The question asked before a renewal decision, which the counterparty will hear of.
    func renewalConfirmation(_ kind: RenewalDecisionKind, termEnd: Day?) -> String {
        let end = termEnd.map { Formatting.day($0, language) } ?? "—"
        return switch kind {
        case .renew: t("Reconduire ce contrat pour une nouvelle période ?", "Renew this contract for another period?")
        case .renegotiate: t("Dénoncer ce contrat pour le renégocier ? Il prendra fin le \(end) ; la lettre de préavis sera préparée.",
                             "Give notice to renegotiate this contract? It will end on \(end); the notice letter will be prepared.")
        case .terminate: t("Résilier ce contrat ? Il ne sera pas reconduit et prendra fin le \(end) ; la lettre de préavis sera préparée.",
                           "Terminate this contract? It will not renew and will end on \(end); the notice letter will be prepared.")
        }
    }

    /// Why a renewal decision was refused, in words.
    func renewalRefusal(_ refusal: RenewalDecisionRefusal) -> String {
        switch refusal {
        case .notInForce(let status): t("Seul un contrat en vigueur se renouvelle ; celui-ci est « \(self.status(status)) ».",
                                        "Only a contract in force renews; this one is “\(self.status(status))”.")
        case .doesNotRenew: t("Ce contrat ne prévoit pas de renouvellement : il prend fin à sa date de fin.",
                              "This contract has no renewal: it ends on its end date.")
        case .noticePassed(let deadline, let renewsOn):
            t("La date limite de préavis (\(Formatting.day(deadline, .fr))) est passée : le contrat se reconduit le \(Formatting.day(renewsOn, .fr)). "
                + "Le préavis pour la période suivante pourra être donné ensuite.",
              "The notice deadline (\(Formatting.day(deadline, .en))) has passed: the contract renews on \(Formatting.day(renewsOn, .en)). "
                + "Notice for the following term can be given after that.")
        case .periodMissing: t("Un renouvellement sur décision prolonge le contrat de sa durée de reconduction, et ce contrat n'en prévoit pas.",
                               "An explicit renewal extends the contract by its renewal period, and this contract names none.")
        case .alreadyDecided(let kind): t("Cette décision (« \(renewalDecision(kind)) ») est déjà enregistrée pour la période en cours.",
                                          "This decision (“\(renewalDecision(kind))”) is already recorded for the term in force.")
        }
    }

    /// Who did something, as the timeline names them.
    func actor(_ actor: Actor) -> String {
        if actor.userId == nil, actor.label == Actor.system.label { return "Paraphe" }
        return actor.signerEmail.map { t("signataire ", "signer ") + $0 } ?? actor.label
    }

    /// A role as a heading or a step names it: the vocabulary's label, capitalised.
    func role(_ r: Role) -> String {
        let label = Vocabulary.role(r, language)
        return label.prefix(1).uppercased() + label.dropFirst()
    }

    func approvalStatus(_ s: Approval.Status) -> String {
        switch s {
        case .waiting: t("En attente d'une étape précédente", "Waiting for an earlier step")
        case .pending: t("À décider", "To decide")
        case .approved: t("Approuvée", "Approved")
        case .rejected: t("Refusée", "Rejected")
        case .cancelled: t("Annulée", "Cancelled")
        }
    }

    func fieldMessage(_ error: FieldError) -> String { message(error.message) }

    /// A validation message from the domain, in the page's language.
    func message(_ english: String) -> String {
        guard language == .fr else { return english }
        return FrenchMessages.translate(english) ?? english
    }
}
