import ParapheCore

/// The letter that gives notice not to renew a contract (to end it, or to renegotiate it), ready to sign and send by
/// registered post. Its wording is the house template for both languages; the facts come from the contract.
public struct NoticeLetter: Sendable {
    public var language: Language
    public var decision: RenewalDecisionKind
    /// Who gives notice: the organisation, and the person who decided.
    public var sender: String
    public var signatory: String
    public var recipient: Party?
    public var reference: String
    public var title: String
    public var renewal: RenewalTerms
    /// The last day of the term in force, when the contract ends.
    public var termEnd: Day
    public var signedOn: Day?
    public var date: Day

    public init(language: Language, decision: RenewalDecisionKind, sender: String, signatory: String, recipient: Party?, reference: String,
                title: String, renewal: RenewalTerms, termEnd: Day, signedOn: Day?, date: Day) {
        self.language = language
        self.decision = decision
        self.sender = sender
        self.signatory = signatory
        self.recipient = recipient
        self.reference = reference
        self.title = title
        self.renewal = renewal
        self.termEnd = termEnd
        self.signedOn = signedOn
        self.date = date
    }

    public var document: DocumentModel {
        let fr = language == .fr
        func day(_ d: Day) -> String { Formatting.day(d, language) }
        func period(_ p: Period?) -> String? { p.map { Formatting.period($0, language) } }
        let addressee = recipient.map { [$0.name, $0.address].compactMap { $0 }.joined(separator: ", ") }
        let concluded = signedOn.map { fr ? " conclu le \(day($0))" : " signed on \(day($0))" } ?? ""
        let terms: String = switch (renewal.mode, fr) {
        case (.tacit, true):
            " et renouvelable par tacite reconduction par périodes de \(period(renewal.period) ?? "—")"
                + (period(renewal.notice).map { ", sous réserve d'un préavis de \($0)" } ?? "")
        case (.tacit, false):
            ", which renews tacitly for periods of \(period(renewal.period) ?? "—")" + (period(renewal.notice).map { " unless notice is given \($0) ahead" } ?? "")
        default: ""
        }
        let subject = fr ? "Objet : non-reconduction du contrat « \(title) » (réf. \(reference))"
            : "Subject: non-renewal of the contract “\(title)” (ref. \(reference))"
        let notice: String = switch (decision, fr) {
        case (.renegotiate, true):
            "Par la présente, nous vous notifions notre décision de ne pas reconduire en l'état le contrat « \(title) »\(concluded)\(terms). "
                + "Il prendra fin le \(day(termEnd)). Nous vous proposons d'engager dès à présent la renégociation de ses conditions, "
                + "afin de conclure un nouveau contrat avant cette date."
        case (.renegotiate, false):
            "We hereby give notice that we will not renew the contract “\(title)”\(concluded)\(terms) on its current terms. "
                + "It will end on \(day(termEnd)). We propose to renegotiate its terms now, so that a new contract can be signed before that date."
        case (_, true):
            "Par la présente, nous vous notifions notre décision de ne pas reconduire le contrat « \(title) »\(concluded)\(terms). "
                + "Conformément à ses stipulations, il prendra fin le \(day(termEnd))."
        case (_, false):
            "We hereby give notice that we will not renew the contract “\(title)”\(concluded)\(terms). In accordance with its terms, it will end on \(day(termEnd))."
        }
        let lines: [[Run]] = [
            [Run(sender, bold: true)],
            addressee.map { [Run((fr ? "À l'attention de " : "To ") + $0)] } ?? [],
            [Run(fr ? "Le \(day(date))" : day(date))],
            [Run(fr ? "Lettre recommandée avec demande d'avis de réception" : "By registered post with acknowledgement of receipt", italic: true)],
            [Run(subject, bold: true)],
            [Run(fr ? "Madame, Monsieur," : "Dear Sir or Madam,")],
            [Run(notice)],
            [Run(fr ? "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
                 : "Yours faithfully,")],
            // Signed under the text, as a letter is: a contract's signature page would put it alone on a second page.
            [Run(signatory, bold: true)],
            [Run(fr ? "pour \(sender)" : "for \(sender)")],
        ].filter { !$0.isEmpty }
        return DocumentModel(
            language: language,
            title: decision == .renegotiate ? (fr ? "Dénonciation en vue de renégociation" : "Notice of non-renewal for renegotiation")
                : (fr ? "Dénonciation du contrat" : "Notice of non-renewal"),
            subtitle: reference,
            preamble: lines.map(Block.paragraph))
    }
}
