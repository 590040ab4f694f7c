import ParapheCore
import ParapheDocuments

/// A long French services agreement (about 17 pages) that exercises what renderers find hard: accents, €, « »,
/// no-break spaces in amounts, nested articles, lists, tables, PDF and XML delimiters in the text, and one
/// 500-character word that no line can hold.
enum SampleContract {
    static let longWord = String(repeating: "anticonstitutionnellement", count: 20)
    static let amount = "1\u{00A0}234,50\u{00A0}€"

    static func french(articleCount: Int = 30) -> DocumentModel {
        let parties = [
            Party(name: "Acme Édition SAS", legalForm: "société par actions simplifiée au capital de 50\u{00A0}000\u{00A0}€",
                  registrationNumber: "RCS Paris 812 345 678", address: "12 rue de l’Église, 75011 Paris",
                  representative: "Mme Hélène Faÿ, Présidente", role: "le Prestataire"),
            Party(name: "Globex Société Anonyme", legalForm: "société anonyme",
                  registrationNumber: "RCS Lyon 402 111 222", address: "3 quai Saint-Antoine, 69002 Lyon",
                  representative: "M. François Cœur, Directeur général", role: "le Client"),
        ]
        let articles = (1...articleCount).map { number in
            Article(
                id: "art-\(number)", number: "\(number)", level: 1, title: title(number),
                blocks: [.paragraph(paragraph(number, variant: 0))],
                children: (1...2).map { sub in
                    Article(id: "art-\(number)-\(sub)", number: "\(number).\(sub)", level: 2,
                            title: "Modalités particulières n°\u{00A0}\(sub)",
                            blocks: blocks(number, sub))
                })
        }
        return DocumentModel(
            language: .fr,
            title: "Contrat de prestation de services (version « définitive »)",
            subtitle: "Réf. PAR-2026-0042 — conclu le 1er mars 2026",
            parties: parties,
            preamble: [
                .paragraph([Run("Préambule : ", bold: true),
                            Run("le Prestataire a développé une expertise reconnue ; le Client souhaite en bénéficier. "),
                            Run("Il a été convenu ce qui suit.", italic: true)]),
            ],
            articles: articles,
            signature: SignaturePage(
                closing: "Fait à Paris, le 1er mars 2026, en deux exemplaires originaux.",
                signatories: [
                    Signatory(party: parties[0].name, name: "Hélène Faÿ", capacity: "Présidente"),
                    Signatory(party: parties[1].name, name: "François Cœur", capacity: "Directeur général"),
                ]),
            annexes: [
                Annex(title: "Grille tarifaire", blocks: [
                    .table(header: true, rows: [
                        [[Run("Prestation")], [Run("Unité")], [Run("Prix HT")]],
                        [[Run("Audit initial des systèmes d’information")], [Run("forfait")], [Run(amount)]],
                        [[Run("Maintenance évolutive et corrective (« tierce maintenance applicative »)")], [Run("jour")], [Run("850,00\u{00A0}€")]],
                    ]),
                ]),
            ])
    }

    static func title(_ number: Int) -> String {
        ["Objet", "Définitions", "Durée", "Prix et modalités de paiement", "Obligations du Prestataire",
         "Obligations du Client", "Confidentialité", "Propriété intellectuelle", "Responsabilité", "Résiliation"][(number - 1) % 10]
    }

    static func paragraph(_ number: Int, variant: Int) -> [Run] {
        var runs = [
            Run("Le présent article \(number) précise les engagements réciproques des parties. Le "),
            Run("Prestataire", bold: true),
            Run(" s’engage à exécuter les prestations décrites avec diligence, conformément aux règles de l’art, "
                + "et à informer le Client de toute difficulté. Le montant forfaitaire s’élève à \(amount) hors taxes, "
                + "payable à trente (30) jours fin de mois ; les pénalités de retard sont égales à trois fois le taux "
                + "d’intérêt légal. "),
            Run("Aucune stipulation ne saurait être interprétée comme une renonciation", italic: true),
            Run(" à se prévaloir d’un manquement. Où que ce soit, à Noël ou à Pâques, l’œuvre reste « protégée ». "),
        ]
        if number == 3, variant == 0 {
            runs.append(Run("Les caractères spéciaux (parenthèses), barres obliques inverses \\ et balises <w:t> doivent "
                + "rester intacts : \\( ) ) ( \\\\ <w:t>texte</w:t> & %PDF endobj."))
        }
        return runs
    }

    static func blocks(_ number: Int, _ sub: Int) -> [Block] {
        var blocks: [Block] = [.paragraph(paragraph(number, variant: sub))]
        if sub == 2, number % 4 == 0 {
            blocks.append(.list(ordered: number % 8 == 0, items: [
                [Run("la remise des livrables dans les délais convenus ;")],
                [Run("la fourniture d’un rapport mensuel d’activité, détaillant les écarts éventuels et les mesures "
                     + "correctives envisagées par le Prestataire ;")],
                [Run("le respect du plan d’assurance qualité.")],
            ]))
        }
        if number == 5, sub == 1 {
            blocks.append(.paragraph([Run("Mot très long : \(longWord) fin.")]))
        }
        return blocks
    }
}
