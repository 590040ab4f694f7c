import ParapheCore

/// The fixed words every renderer writes around the content, so HTML, DOCX and PDF read the same.
public enum DocumentWording {
    public static func partiesHeading(_ language: Language) -> String {
        language == .fr ? "ENTRE LES SOUSSIGNÉS :" : "BETWEEN:"
    }

    public static func partiesSeparator(_ language: Language) -> String {
        language == .fr ? "ET :" : "AND:"
    }

    /// The sentence after the party's name: legal form, registration, address, representative and the role.
    public static func partyDetails(_ party: Party, _ language: Language) -> String {
        var parts = [String]()
        let fr = language == .fr
        if let form = party.legalForm { parts.append(fr ? "\(form)" : "a \(form)") }
        if let number = party.registrationNumber { parts.append(fr ? "immatriculée sous le numéro \(number)" : "registered under number \(number)") }
        if let address = party.address { parts.append(fr ? "dont le siège est situé \(address)" : "whose registered office is at \(address)") }
        if let representative = party.representative { parts.append(fr ? "représentée par \(representative)" : "represented by \(representative)") }
        if let role = party.role { parts.append(fr ? "ci-après « \(role) »" : "hereinafter “\(role)”") }
        return parts.joined(separator: ", ")
    }

    public static func articleHeading(_ article: Article) -> String {
        article.level == 1 ? "Article \(article.number) – \(article.title)" : "\(article.number) \(article.title)"
    }

    public static func signaturesHeading(_ language: Language) -> String {
        language == .fr ? "Signatures" : "Signatures"
    }

    public static func signatureLabels(_ language: Language) -> (name: String, capacity: String, signature: String) {
        language == .fr ? ("Nom :", "Qualité :", "Signature :") : ("Name:", "Title:", "Signature:")
    }

    public static func annexHeading(_ index: Int, _ annex: Annex, _ language: Language) -> String {
        "\(language == .fr ? "Annexe" : "Annex") \(index + 1) – \(annex.title)"
    }
}
