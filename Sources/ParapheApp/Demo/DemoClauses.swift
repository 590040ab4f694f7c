import ParapheCore

/// The demo clause library: standard positions and the derogations legal pre-approved.
///
/// Bodies are written in neutral terms ("chacune des Parties", "le Contrat") because several templates share them,
/// and hold no placeholder: each template declares its own variables.
enum DemoClauses {
    static let all: [Clause] = [
        confidentiality,
        paymentTerms,
        publicReference,
        liability,
        termination,
        governingLaw,
        forceMajeure,
        intellectualProperty,
        dataProtection,
        nonSolicitation,
        confidentialityEn,
        governingLawEn,
    ]

    // MARK: - Confidentialité

    private static let confidentialityCore = """
        Chacune des Parties s'engage à garder strictement confidentielles les informations de toute nature, notamment techniques, commerciales, financières ou juridiques, qui lui sont communiquées par l'autre Partie, quels qu'en soient la forme et le support, ou dont elle a connaissance à l'occasion de l'exécution du Contrat (les « Informations confidentielles »).

        La Partie qui reçoit des Informations confidentielles s'engage à :

        - ne les utiliser que pour les besoins de l'exécution du Contrat ;
        - ne les communiquer qu'à ceux de ses dirigeants, salariés, conseils et sous-traitants qui ont besoin d'en connaître pour ces besoins et qui sont tenus à une obligation de confidentialité au moins équivalente à celle du présent article ;
        - leur appliquer des mesures de protection au moins équivalentes à celles qu'elle applique à ses propres informations confidentielles, et en aucun cas inférieures à un degré raisonnable de diligence.

        Ne sont pas des Informations confidentielles les informations dont la Partie qui les reçoit peut démontrer qu'elles étaient publiques lors de leur communication ou le sont devenues sans faute de sa part, qu'elle les détenait légitimement avant leur communication, qu'elle les a reçues d'un tiers autorisé à les divulguer, ou qu'elle les a développées de manière indépendante. La communication d'Informations confidentielles exigée par la loi, un règlement ou une décision de justice est permise, dans la stricte mesure requise et après information préalable de l'autre Partie lorsque la loi le permet.
        """

    static let confidentiality = Clause(
        key: "confidentiality", title: "Confidentialité", category: "confidentialité",
        body: confidentialityCore + "\n\n" + """
            Les obligations du présent article s'appliquent pendant toute la durée du Contrat et pendant **trois (3) ans** après sa cessation, pour quelque cause que ce soit.
            """,
        alternatives: [
            ClauseAlternative(
                key: "confidentiality5Years", title: "Confidentialité pendant cinq ans après la fin du contrat",
                body: confidentialityCore + "\n\n" + """
                    Les obligations du présent article s'appliquent pendant toute la durée du Contrat et pendant **cinq (5) ans** après sa cessation, pour quelque cause que ce soit.
                    """,
                isDerogation: true, derogationCategory: "confidentiality", requiresApprovalBy: [.legal]),
        ])

    // MARK: - Modalités de paiement

    private static let latePayment = """
        Conformément à l'article L. 441-10 du Code de commerce, toute somme non payée à l'échéance porte de plein droit, sans qu'un rappel soit nécessaire, des pénalités de retard calculées au taux égal à **trois (3) fois le taux d'intérêt légal**, ainsi qu'une **indemnité forfaitaire pour frais de recouvrement de quarante (40) euros** prévue à l'article D. 441-5 du même code, sans préjudice d'une indemnisation complémentaire sur justificatifs lorsque les frais de recouvrement exposés sont supérieurs.

        Si une somme reste impayée plus de quinze (15) jours après une mise en demeure restée sans effet, la Partie créancière peut en outre suspendre l'exécution de ses propres obligations jusqu'au paiement complet des sommes dues, sans que cette suspension puisse être considérée comme une inexécution de sa part.
        """

    static let paymentTerms = Clause(
        key: "paymentTerms", title: "Modalités de paiement", category: "paiement",
        body: """
            Les factures sont payables à **trente (30) jours à compter de leur date d'émission**, par virement bancaire sur le compte indiqué sur la facture. Aucun escompte n'est accordé en cas de paiement anticipé.
            """ + "\n\n" + latePayment,
        alternatives: [
            ClauseAlternative(
                key: "payment45DaysEndOfMonth", title: "Paiement à 45 jours fin de mois",
                body: """
                    Les factures sont payables à **quarante-cinq (45) jours fin de mois à compter de leur date d'émission**, par virement bancaire sur le compte indiqué sur la facture. Aucun escompte n'est accordé en cas de paiement anticipé.
                    """ + "\n\n" + latePayment,
                isDerogation: true, derogationCategory: "payment", requiresApprovalBy: [.finance]),
            ClauseAlternative(
                key: "payment60Days", title: "Paiement à 60 jours date de facture",
                body: """
                    Les factures sont payables à **soixante (60) jours à compter de leur date d'émission**, par virement bancaire sur le compte indiqué sur la facture. Aucun escompte n'est accordé en cas de paiement anticipé.
                    """ + "\n\n" + latePayment,
                isDerogation: true, derogationCategory: "payment", requiresApprovalBy: [.finance]),
        ])

    // MARK: - Référence commerciale

    static let publicReference = Clause(
        key: "publicReference", title: "Référence commerciale", category: "communication",
        body: """
            Le Client autorise le Prestataire à faire figurer sa dénomination sociale et son logo, à titre de référence commerciale, sur ses supports de communication, notamment son site internet, ses présentations commerciales et ses réponses à appels d'offres, pendant la durée du Contrat et un (1) an après sa cessation.

            Cette autorisation n'emporte aucune cession de droits sur les marques et logos du Client, qui en demeure seul titulaire ; le Prestataire les reproduit sans modification et dans le respect de la charte graphique que le Client lui communique. Toute autre communication, notamment un communiqué de presse ou une étude de cas détaillée, est soumise à l'accord préalable et écrit du Client.
            """,
        alternatives: [
            ClauseAlternative(
                key: "noPublicReference", title: "Le client refuse d'être cité publiquement",
                body: """
                    Le Client refuse d'être cité publiquement. Le Prestataire s'interdit de mentionner la dénomination sociale, les marques ou le logo du Client, ainsi que l'existence ou le contenu du Contrat, dans toute communication externe, sur quelque support que ce soit, sauf accord préalable et écrit du Client.

                    Cette interdiction ne fait pas obstacle aux communications exigées par la loi, par une autorité administrative ou judiciaire, ou adressées aux conseils et commissaires aux comptes du Prestataire sous couvert de confidentialité.
                    """,
                isDerogation: true, derogationCategory: "publicity", requiresApprovalBy: [.legal]),
        ])

    // MARK: - Responsabilité

    private static let liabilityDamages = """
        Chacune des Parties est responsable des seuls dommages directs et prévisibles causés à l'autre Partie du fait de l'inexécution de ses obligations au titre du Contrat. Aucune des Parties n'est responsable des dommages indirects, tels que la perte de chiffre d'affaires, de bénéfices, de clientèle ou d'une chance, l'atteinte à l'image ou le préjudice commercial.
        """

    private static let liabilityExceptions = """
        Ces limitations ne s'appliquent ni en cas de faute lourde ou dolosive, ni aux dommages corporels, ni aux obligations de paiement du prix. Elles ont été prises en compte dans la détermination du prix et constituent une répartition des risques librement négociée entre les Parties, qui ne prive pas de sa substance l'obligation essentielle de l'une ou l'autre d'entre elles.
        """

    static let liability = Clause(
        key: "liability", title: "Responsabilité", category: "responsabilité",
        body: liabilityDamages + "\n\n" + """
            Toutes causes confondues, la responsabilité totale de chacune des Parties au titre du Contrat est limitée au **montant des sommes payées ou dues au titre du Contrat au cours des douze (12) mois** précédant le fait générateur de responsabilité.
            """ + "\n\n" + liabilityExceptions,
        alternatives: [
            ClauseAlternative(
                key: "liabilityCap200", title: "Plafond de responsabilité porté à 200 %",
                body: liabilityDamages + "\n\n" + """
                    Toutes causes confondues, la responsabilité totale de chacune des Parties au titre du Contrat est limitée à **deux cents pour cent (200 %) du montant des sommes payées ou dues au titre du Contrat au cours des douze (12) mois** précédant le fait générateur de responsabilité.
                    """ + "\n\n" + liabilityExceptions,
                isDerogation: true, derogationCategory: "liability", requiresApprovalBy: [.legal, .finance]),
        ])

    // MARK: - Résiliation

    private static let terminationForBreach = """
        En cas de manquement de l'une des Parties à l'une de ses obligations essentielles au titre du Contrat, auquel il n'a pas été remédié dans un délai de **trente (30) jours** à compter de la réception d'une mise en demeure adressée par lettre recommandée avec demande d'avis de réception et visant le présent article, l'autre Partie peut résilier le Contrat de plein droit, par lettre recommandée avec demande d'avis de réception, sans préjudice des dommages et intérêts auxquels elle pourrait prétendre.
        """

    private static let terminationEffects = """
        La cessation du Contrat, pour quelque cause que ce soit, rend immédiatement exigibles les sommes dues au titre des prestations exécutées jusqu'à sa date d'effet. Les stipulations qui, par nature, ont vocation à survivre à la cessation du Contrat, notamment celles relatives à la confidentialité, à la responsabilité et au droit applicable, demeurent en vigueur.
        """

    static let termination = Clause(
        key: "termination", title: "Résiliation", category: "résiliation",
        body: terminationForBreach + "\n\n" + terminationEffects,
        alternatives: [
            ClauseAlternative(
                key: "terminationForConvenience", title: "Résiliation pour convenance",
                body: terminationForBreach + "\n\n" + """
                    En outre, chacune des Parties peut résilier le Contrat à tout moment, sans avoir à justifier d'un motif, moyennant le respect d'un **préavis de trois (3) mois** notifié par lettre recommandée avec demande d'avis de réception. Cette résiliation n'ouvre droit à aucune indemnité au profit de l'autre Partie ; les sommes correspondant aux prestations exécutées jusqu'à la date d'effet de la résiliation restent dues.
                    """ + "\n\n" + terminationEffects,
                isDerogation: true, derogationCategory: "termination", requiresApprovalBy: [.legal]),
        ])

    // MARK: - Droit applicable et juridiction

    private static let lawAndAmicableSettlement = """
        Le Contrat est régi par le droit français, à l'exclusion de ses règles de conflit de lois.

        En cas de différend relatif à la formation, à l'interprétation, à l'exécution ou à la cessation du Contrat, les Parties s'efforcent de le résoudre à l'amiable dans un délai de trente (30) jours à compter de la notification du différend par la Partie la plus diligente.
        """

    static let governingLaw = Clause(
        key: "governingLaw", title: "Droit applicable et juridiction", category: "litiges",
        body: lawAndAmicableSettlement + "\n\n" + """
            À défaut d'accord amiable dans ce délai, **tout litige sera soumis à la compétence exclusive du tribunal de commerce de Paris**, ou de la juridiction qui lui est substituée, nonobstant pluralité de défendeurs ou appel en garantie, y compris pour les procédures d'urgence ou conservatoires, en référé ou sur requête.
            """,
        alternatives: [
            ClauseAlternative(
                key: "jurisdictionClientSeat", title: "Juridiction du siège social du Client",
                body: lawAndAmicableSettlement + "\n\n" + """
                    À défaut d'accord amiable dans ce délai, **tout litige sera soumis à la compétence exclusive du tribunal de commerce dans le ressort duquel se trouve le siège social du Client**, ou de la juridiction qui lui est substituée, nonobstant pluralité de défendeurs ou appel en garantie, y compris pour les procédures d'urgence ou conservatoires, en référé ou sur requête.
                    """,
                isDerogation: true, derogationCategory: "jurisdiction", requiresApprovalBy: [.legal]),
        ])

    // MARK: - Force majeure

    static let forceMajeure = Clause(
        key: "forceMajeure", title: "Force majeure", category: "force majeure",
        body: """
            Aucune des Parties n'est responsable d'un retard ou d'une inexécution de ses obligations résultant d'un cas de force majeure au sens de l'article 1218 du Code civil, c'est-à-dire d'un événement échappant à son contrôle, qui ne pouvait être raisonnablement prévu lors de la conclusion du Contrat et dont les effets ne peuvent être évités par des mesures appropriées.

            La Partie qui invoque un cas de force majeure le notifie sans délai à l'autre Partie, en précisant sa nature et sa durée prévisible. L'exécution des obligations affectées est suspendue pendant toute la durée de l'empêchement ; les obligations de paiement des sommes échues ne sont pas suspendues.

            Si l'empêchement dure plus de **soixante (60) jours**, chacune des Parties peut résilier le Contrat de plein droit par lettre recommandée avec demande d'avis de réception, sans indemnité de part ni d'autre.
            """)

    // MARK: - Propriété intellectuelle

    private static let providerOwnership = """
        Le Prestataire est et demeure titulaire de l'ensemble des droits de propriété intellectuelle sur ses logiciels, sa plateforme, sa documentation, ses méthodes et son savoir-faire, ainsi que sur leurs évolutions, y compris celles réalisées à l'occasion de l'exécution du Contrat.

        Le Prestataire concède au Client, pour la durée du Contrat et pour le monde entier, un droit personnel, non exclusif, non cessible et non transférable d'utiliser les services et les livrables, pour les seuls besoins internes de son activité. Toute autre utilisation, notamment la reproduction, l'adaptation, la décompilation hors les cas prévus à l'article L. 122-6-1 du Code de la propriété intellectuelle, ou la mise à disposition de tiers, est interdite.
        """

    private static let clientData = """
        Le Client demeure seul titulaire des droits sur les données qu'il saisit ou importe dans les services (les « Données du Client »). Il concède au Prestataire, pour la durée du Contrat, le droit de les utiliser pour les seuls besoins de l'exécution du Contrat.
        """

    static let intellectualProperty = Clause(
        key: "intellectualProperty", title: "Propriété intellectuelle", category: "propriété intellectuelle",
        body: providerOwnership + "\n\n" + clientData,
        alternatives: [
            ClauseAlternative(
                key: "ipAssignment", title: "Cession des droits sur les livrables spécifiques",
                body: providerOwnership + "\n\n" + """
                    Par exception, les livrables développés spécifiquement et exclusivement pour le Client et désignés comme tels dans un bon de commande (les « Livrables spécifiques ») sont cédés au Client à titre exclusif, au fur et à mesure de leur réalisation et sous réserve du paiement intégral du prix correspondant. La cession porte sur les droits de reproduction, de représentation, d'adaptation, de traduction et de distribution, sur tout support, pour le monde entier et pour toute la durée de protection des droits d'auteur, conformément à l'article L. 131-3 du Code de la propriété intellectuelle ; son prix est compris dans celui des Livrables spécifiques.

                    Le Prestataire conserve la propriété de ses outils, composants génériques et savoir-faire intégrés aux Livrables spécifiques, dont il concède au Client un droit d'utilisation non exclusif pour les besoins de l'exploitation de ces livrables.
                    """ + "\n\n" + clientData,
                isDerogation: true, derogationCategory: "ip", requiresApprovalBy: [.legal]),
        ])

    // MARK: - Protection des données personnelles

    private static let gdprProcessor = """
        Les Parties s'engagent à respecter la réglementation applicable au traitement des données à caractère personnel, notamment le règlement (UE) 2016/679 du 27 avril 2016 (le « RGPD ») et la loi n° 78-17 du 6 janvier 1978 modifiée.

        Lorsque l'une des Parties traite des données à caractère personnel pour le compte de l'autre au titre du Contrat, elle agit en qualité de sous-traitant au sens de l'article 28 du RGPD et s'engage notamment à :

        - ne traiter les données que sur instruction documentée du responsable du traitement et pour les seules finalités du Contrat ;
        - veiller à ce que les personnes autorisées à traiter les données soient soumises à une obligation de confidentialité ;
        - mettre en œuvre les mesures techniques et organisationnelles appropriées pour garantir un niveau de sécurité adapté au risque ;
        - ne recourir à un sous-traitant ultérieur qu'avec l'autorisation écrite préalable, générale ou spécifique, du responsable du traitement, et en imposant à ce sous-traitant ultérieur les mêmes obligations ;
        - aider le responsable du traitement à répondre aux demandes d'exercice de leurs droits par les personnes concernées et à respecter ses obligations de sécurité, de notification des violations et d'analyse d'impact ;
        - notifier au responsable du traitement toute violation de données à caractère personnel dans les meilleurs délais après en avoir pris connaissance ;
        - au terme du Contrat, supprimer ou restituer, au choix du responsable du traitement, l'ensemble des données et en détruire les copies, sauf obligation légale de conservation ;
        - mettre à la disposition du responsable du traitement les informations nécessaires pour démontrer le respect de ses obligations et permettre la réalisation d'audits.

        Aucun transfert de données à caractère personnel hors de l'Espace économique européen n'est réalisé sans l'accord préalable du responsable du traitement et sans les garanties appropriées prévues au chapitre V du RGPD.
        """

    static let dataProtection = Clause(
        key: "dataProtection", title: "Protection des données personnelles", category: "données personnelles",
        body: gdprProcessor,
        alternatives: [
            ClauseAlternative(
                key: "dataProtectionEnhanced", title: "Protection renforcée des données",
                body: gdprProcessor + "\n\n" + """
                    En complément, le sous-traitant s'engage à :

                    - héberger les données exclusivement dans des centres de données situés sur le territoire de l'Union européenne ;
                    - notifier toute violation de données à caractère personnel au responsable du traitement dans un délai maximal de **vingt-quatre (24) heures** après en avoir pris connaissance ;
                    - chiffrer les données au repos et en transit selon l'état de l'art ;
                    - permettre au responsable du traitement de réaliser, à ses frais, un audit sur site par année civile, moyennant un préavis de trente (30) jours.
                    """,
                isDerogation: false),
        ])

    // MARK: - Non-sollicitation

    static let nonSolicitation = Clause(
        key: "nonSolicitation", title: "Non-sollicitation du personnel", category: "ressources humaines",
        body: """
            Chacune des Parties s'interdit, pendant toute la durée du Contrat et pendant **douze (12) mois** après sa cessation, de solliciter en vue de l'embaucher, ou d'embaucher, directement ou par personne interposée, tout salarié de l'autre Partie ayant participé à l'exécution du Contrat, sauf accord préalable et écrit de cette dernière.

            En cas de manquement à cette obligation, la Partie défaillante verse à l'autre Partie, à titre de clause pénale, une indemnité égale à douze (12) mois du dernier salaire brut du salarié concerné.

            Cette interdiction ne s'applique pas aux recrutements faisant suite à une candidature spontanée ou à une offre d'emploi publiée, sans démarchage ciblé.
            """,
        alternatives: [
            ClauseAlternative(
                key: "noNonSolicitation", title: "Absence d'engagement de non-sollicitation",
                body: """
                    Les Parties conviennent expressément de ne pas se consentir d'engagement de non-sollicitation de leurs salariés respectifs. Chacune d'elles demeure libre de recruter tout salarié de l'autre Partie, dans le respect du droit du travail et des règles de la concurrence loyale.
                    """,
                isDerogation: true, derogationCategory: "hr", requiresApprovalBy: [.legal]),
        ])

    // MARK: - English clauses (for English templates)

    private static let confidentialityEnCore = """
        Each Party shall keep strictly confidential all information of any kind, in particular technical, commercial, financial or legal information, disclosed to it by the other Party in any form or medium, or of which it becomes aware in connection with this Agreement (the “Confidential Information”).

        The Party receiving Confidential Information shall:

        - use it solely for the purposes of this Agreement;
        - disclose it only to those of its officers, employees, advisers and subcontractors who need to know it for those purposes and who are bound by confidentiality obligations at least as protective as this clause;
        - protect it with at least the same degree of care as it uses to protect its own confidential information, and in no event with less than reasonable care.

        Confidential Information does not include information which the receiving Party can show was public when disclosed or became public through no fault of its own, was lawfully in its possession before disclosure, was received from a third party entitled to disclose it, or was independently developed. Disclosure required by law, regulation or court order is permitted to the extent strictly required, after prior notice to the other Party where legally permitted.
        """

    static let confidentialityEn = Clause(
        key: "confidentialityEn", title: "Confidentiality", category: "confidentiality",
        body: confidentialityEnCore + "\n\n" + """
            The obligations in this clause apply throughout the term of this Agreement and for **three (3) years** after its expiry or termination for any reason.
            """,
        alternatives: [
            ClauseAlternative(
                key: "confidentiality5Years", title: "Confidentiality for five years after termination",
                body: confidentialityEnCore + "\n\n" + """
                    The obligations in this clause apply throughout the term of this Agreement and for **five (5) years** after its expiry or termination for any reason.
                    """,
                isDerogation: true, derogationCategory: "confidentiality", requiresApprovalBy: [.legal]),
        ])

    private static let englishLawAndSettlement = """
        This Agreement is governed by the laws of France, excluding its conflict of laws rules.

        The Parties shall seek to settle amicably any dispute relating to the formation, interpretation, performance or termination of this Agreement within thirty (30) days of its notification by either Party.
        """

    static let governingLawEn = Clause(
        key: "governingLawEn", title: "Governing law and jurisdiction", category: "disputes",
        body: englishLawAndSettlement + "\n\n" + """
            Failing an amicable settlement within that period, **any dispute shall be submitted to the exclusive jurisdiction of the Commercial Court of Paris** (tribunal de commerce de Paris), or the court succeeding it, notwithstanding multiple defendants or third-party claims, including for emergency and interim proceedings.
            """,
        alternatives: [
            ClauseAlternative(
                key: "jurisdictionClientSeat", title: "Courts of the Client's registered office",
                body: englishLawAndSettlement + "\n\n" + """
                    Failing an amicable settlement within that period, **any dispute shall be submitted to the exclusive jurisdiction of the commercial court for the place of the Client's registered office**, or the court succeeding it, notwithstanding multiple defendants or third-party claims, including for emergency and interim proceedings.
                    """,
                isDerogation: true, derogationCategory: "jurisdiction", requiresApprovalBy: [.legal]),
        ])
}
