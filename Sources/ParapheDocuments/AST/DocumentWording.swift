import ParapheCore

/// The fixed words every renderer writes around the content, so HTML, DOCX and PDF read the same. French typography:
/// a no-break space before the colon and inside guillemets.
public enum DocumentWording {
    public static func partiesHeading(_ language: Language) -> String {
        language == .fr ? "ENTRE LES SOUSSIGNÉS\u{00A0}:" : "BETWEEN:"
    }

    public static func partiesSeparator(_ language: Language) -> String {
        language == .fr ? "ET\u{00A0}:" : "AND:"
    }

    /// What follows the party's name in the preamble, punctuation included: legal form, registration, address,
    /// representative and the role, then ";" between parties and "." after the last.
    public static func partyDetails(_ party: Party, _ language: Language, last: Bool) -> String {
        let fr = language == .fr
        var details: [String] = []
        if let form = party.legalForm, !form.isEmpty { details.append(fr ? form : "a \(form)") }
        if let number = party.registrationNumber, !number.isEmpty {
            details.append(fr ? "immatriculée sous le numéro \(number)" : "registered under number \(number)")
        }
        if let address = party.address, !address.isEmpty {
            details.append(fr ? "dont le siège social est situé \(address)" : "having its registered office at \(address)")
        }
        if let representative = party.representative, !representative.isEmpty {
            details.append(fr ? "représentée par \(representative)" : "represented by \(representative)")
        }
        if let role = party.role, !role.isEmpty {
            if fr {
                details.append("ci-après «\u{00A0}\(role)\u{00A0}»")
            } else {
                // Roles are usually written with their article ("the Client"); do not double it.
                details.append(role.lowercased().hasPrefix("the ") ? "hereinafter “\(role)”" : "hereinafter the “\(role)”")
            }
        }
        let end = last ? "." : (fr ? "\u{00A0};" : ";")
        return details.isEmpty ? end : ", " + details.joined(separator: ", ") + end
    }

    public static func articleHeading(_ article: Article) -> String {
        article.level <= 1 ? "Article \(article.number) – \(article.title)" : "\(article.number) \(article.title)"
    }

    public static func signaturesHeading(_ language: Language) -> String {
        "Signatures"
    }

    public static func signatureLabels(_ language: Language) -> (name: String, capacity: String, signature: String) {
        language == .fr ? ("Nom\u{00A0}:", "Qualité\u{00A0}:", "Signature\u{00A0}:") : ("Name:", "Title:", "Signature:")
    }

    public static func annexHeading(_ index: Int, _ annex: Annex, _ language: Language) -> String {
        "\(language == .fr ? "Annexe" : "Annex") \(index + 1) – \(annex.title)"
    }
}
