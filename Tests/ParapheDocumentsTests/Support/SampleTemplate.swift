import ParapheCore
import ParapheDocuments

/// A small French services agreement manifest with everything generation has to handle: a condition, an optional
/// article, a library clause with a derogation alternative, computed values and a cross-reference.
enum SampleTemplate {
    static let manifest = """
    title: Contrat de services
    variables:
      - name: provider
        type: party
        label: Prestataire
        default:
          name: Paraphe SAS
          legalForm: SAS
          registrationNumber: RCS Paris 900 000 001
          address: 1 rue de la Paix, 75002 Paris
          representative: Mme Claire Dupont
      - name: client
        type: party
        label: Client
        required: true
      - name: price
        type: money
        label: Prix annuel HT
        required: true
      - name: startDate
        type: date
        label: Date d'effet
        required: true
      - name: duration
        type: duration
        label: Durée
        default: P12M
      - name: onSite
        type: boolean
        label: Interventions sur site
        default: false
      - name: note
        type: text
        label: Conditions particulières
    computed:
      - name: endDate
        value: endDate(startDate, duration)
      - name: priceTTC
        value: withVat(price, 20)
    parties:
      - variable: provider
        role: le Prestataire
      - variable: client
        role: le Client
    clauses:
      - id: objet
        title: Objet
        body: Le Prestataire fournit au Client les services décrits à l'article {{ref:prix}}.
      - id: site
        title: Interventions sur site
        when: onSite
        body: Les interventions ont lieu dans les locaux du Client.
      - id: prix
        title: Prix
        body: |
          Le prix annuel est de {{price}} hors taxes, soit {{priceTTC}} TTC ({{price | words}}).
          Le contrat court du {{startDate}} au {{endDate}}.
      - id: paiement
        clause: paymentTerms
        alternatives: [payment60Days]
        custom: true
      - id: reference
        clause: publicReference
        optional: true
        alternatives: [noPublicReference]
      - id: particulieres
        title: Conditions particulières
        when: note
        body: "{{note}}"
    terms:
      amount: price
      startDate: startDate
      endDate: endDate
      renewal:
        mode: tacit
        period: P12M
        notice: P3M
    """

    static let library: [String: Clause] = [
        "paymentTerms": Clause(
            key: "paymentTerms", title: "Modalités de paiement", category: "paiement",
            body: "Les factures sont payables à trente (30) jours à compter de leur date d'émission.",
            alternatives: [
                ClauseAlternative(key: "payment60Days", title: "Paiement à 60 jours",
                                  body: "Les factures sont payables à soixante (60) jours à compter de leur date d'émission.",
                                  isDerogation: true, derogationCategory: "payment", requiresApprovalBy: [.finance]),
            ]),
        "publicReference": Clause(
            key: "publicReference", title: "Référence commerciale", category: "communication",
            body: "Le Prestataire peut citer le nom du Client comme référence commerciale.",
            alternatives: [
                ClauseAlternative(key: "noPublicReference", title: "Pas de référence publique",
                                  body: "Le Prestataire s'interdit de citer le Client comme référence.",
                                  isDerogation: true, derogationCategory: "publicity", requiresApprovalBy: [.legal]),
            ]),
    ]

    static let variables: [String: JSONValue] = [
        "client": .object(["name": .string("Globex SA"), "address": .string("3 quai Saint-Antoine, 69002 Lyon")]),
        "price": .object(["amount": .string("48000.00"), "currency": .string("EUR")]),
        "startDate": .string("2026-03-01"),
    ]

    static func parsed() throws -> TemplateManifest {
        try ManifestParser.parse(manifest)
    }

    static func generate(_ variables: [String: JSONValue] = variables, choices: [String: ClauseChoice] = [:]) throws -> GeneratedContract {
        let manifest = try parsed()
        let scope = try VariableBinding.bind(manifest.variables, input: variables, counterparty: nil)
        return try ContractGenerator(manifest: manifest, library: library, language: .fr).generate(variables: scope, choices: choices)
    }
}
