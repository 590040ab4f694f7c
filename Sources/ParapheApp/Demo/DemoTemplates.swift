/// The demo templates as legal would write them: manifests in YAML, published at seeding.
///
/// Each manifest uses clauses of `DemoClauses` (English templates use the `…En` clauses), a condition, an optional
/// article and a cross-reference; our company is a party variable with a default, the other party comes from the
/// contract's counterparty.
enum DemoTemplates {
    struct Entry: Sendable {
        var name: String
        var contractType: String   // one of: nda, msa, order_form, dpa, supplier
        var language: String       // "fr" or "en"
        var manifest: String
    }

    static let all: [Entry] = [
        Entry(name: "Accord de confidentialité", contractType: "nda", language: "fr", manifest: nda),
        Entry(name: "Contrat-cadre de prestation de services", contractType: "msa", language: "fr", manifest: msa),
        Entry(name: "Bon de commande", contractType: "order_form", language: "fr", manifest: orderForm),
        Entry(name: "Accord de traitement des données (DPA)", contractType: "dpa", language: "fr", manifest: dpa),
        Entry(name: "Contrat fournisseur", contractType: "supplier", language: "fr", manifest: supplier),
        Entry(name: "Mutual non-disclosure agreement", contractType: "nda", language: "en", manifest: ndaEnglish),
    ]

    /// Accord de confidentialité : réciproque par défaut, conclu avec un prospect avant des discussions commerciales.
    private static let nda = #"""
        title: "Accord de confidentialité — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Notre société
            help: Société qui signe l'accord ; renseignée par défaut.
            default:
              name: Paraphe Démo SAS
              legalForm: société par actions simplifiée au capital de 100 000 €
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Mme Claire Lambert, Présidente
          - name: client
            type: party
            label: Cocontractant
            help: Repris de la fiche du cocontractant lorsqu'il n'est pas saisi.
            required: true
            counterparty: true
          - name: purpose
            type: text
            label: Objet des discussions
            help: "Complète la phrase « les Parties envisagent… », par exemple : l'étude du déploiement de la plateforme Paraphe au sein de la direction juridique du Client."
            required: true
            max: 1000
          - name: effectiveDate
            type: date
            label: Date d'entrée en vigueur
            required: true
          - name: duration
            type: duration
            label: Durée de l'accord
            help: Période pendant laquelle des informations peuvent être échangées ; l'obligation de confidentialité survit ensuite.
            default: P24M
          - name: mutual
            type: boolean
            label: Accord réciproque
            help: Décochez si seul le Client communique des informations confidentielles.
            default: true
          - name: personalData
            type: boolean
            label: Échange de données personnelles
            help: Cochez si des données à caractère personnel peuvent être communiquées pendant les discussions.
            default: false
          - name: signaturePlace
            type: text
            label: Lieu de signature
            default: Paris
        computed:
          - name: endDate
            value: endDate(effectiveDate, duration)
        parties:
          - variable: provider
            role: le Prestataire
          - variable: client
            role: le Client
        preamble: |
          Le Prestataire et le Client sont ci-après désignés ensemble les « Parties » et individuellement une « Partie ».

          IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT :

          Le Prestataire édite et exploite une plateforme de gestion du cycle de vie des contrats. Les Parties envisagent {{purpose}} (le « Projet »).

          Dans ce cadre, les Parties sont amenées à échanger des informations confidentielles et souhaitent définir les conditions dans lesquelles ces informations sont communiquées, utilisées et protégées.

          IL A ÉTÉ CONVENU CE QUI SUIT :
        clauses:
          - id: objet
            title: Objet
            body: |
              Le présent accord de confidentialité (le « Contrat ») a pour objet de définir les conditions dans lesquelles les Parties échangent et protègent les Informations confidentielles, telles que définies à l'article {{ref:definitions}}, communiquées dans le cadre du Projet.

              Le Contrat n'emporte aucune obligation pour l'une ou l'autre des Parties de conclure un contrat portant sur le Projet, ni aucune exclusivité.
          - id: definitions
            title: Définitions
            body: |
              Au sens du Contrat, les termes ci-dessous ont la signification suivante :

              - **Informations confidentielles** : les informations définies comme telles à l'article {{ref:obligations}}, notamment les informations techniques, commerciales, financières, juridiques ou relatives aux clients, aux produits et au savoir-faire, qu'elles soient ou non identifiées comme confidentielles ;
              - **Partie divulgatrice** : la Partie qui communique une Information confidentielle ;
              - **Partie destinataire** : la Partie qui reçoit une Information confidentielle ;
              - **Représentants** : les dirigeants, salariés, conseils et sous-traitants d'une Partie, ainsi que les sociétés qui la contrôlent ou qu'elle contrôle au sens de l'article L. 233-3 du Code de commerce.
          - id: portee
            title: Informations concernées
            children:
              - id: porteeReciproque
                title: Échanges réciproques
                when: mutual
                body: |
                  Chacune des Parties peut, dans le cadre du Projet, être Partie divulgatrice ou Partie destinataire. Les obligations du Contrat s'appliquent de manière identique aux deux Parties.
              - id: porteeUnilaterale
                title: Échanges unilatéraux
                when: not mutual
                body: |
                  Seul le Client communique des Informations confidentielles au titre du Contrat. Par dérogation à l'article {{ref:obligations}}, le Prestataire est seul Partie destinataire et seul tenu des obligations de confidentialité ; les informations qu'il communique au Client ne sont pas protégées par le Contrat.
          - id: obligations
            title: Obligations de confidentialité
            clause: confidentiality
            alternatives: [confidentiality5Years]
            custom: true
          - id: restitution
            title: Restitution et destruction
            body: |
              À la fin du Contrat ou à tout moment sur demande écrite de la Partie divulgatrice, la Partie destinataire restitue ou détruit, dans un délai de quinze (15) jours, l'ensemble des Informations confidentielles et de leurs copies, sur quelque support que ce soit, et en atteste par écrit.

              La Partie destinataire peut conserver une copie des Informations confidentielles lorsque la loi l'exige ou lorsqu'elles figurent dans des sauvegardes informatiques automatiques, à condition de continuer à les protéger conformément à l'article {{ref:obligations}}.
          - id: absenceLicence
            title: Absence de licence et de garantie
            body: |
              Les Informations confidentielles demeurent la propriété de la Partie divulgatrice. Leur communication ne confère à la Partie destinataire aucun droit de propriété intellectuelle, aucune licence ni aucun autre droit, exprès ou implicite, sur ces informations.

              Les Informations confidentielles sont communiquées « en l'état ». La Partie divulgatrice ne garantit ni leur exactitude ni leur exhaustivité.
          - id: donneesPersonnelles
            title: Données à caractère personnel
            when: personalData
            body: |
              Les Parties s'efforcent de ne pas échanger de données à caractère personnel dans le cadre du Projet. Lorsque de telles données sont néanmoins communiquées, chaque Partie les traite en qualité de responsable de traitement distinct, conformément au règlement (UE) 2016/679 (RGPD) et à la loi n° 78-17 du 6 janvier 1978 modifiée, pour les seuls besoins du Projet, et les supprime au terme du Contrat.
          - id: nonSollicitation
            clause: nonSolicitation
            optional: true
            included: false
            alternatives: [noNonSolicitation]
          - id: duree
            title: Durée
            body: |
              Le Contrat entre en vigueur le {{effectiveDate}} pour une durée de {{duration}}, soit jusqu'au {{endDate}} inclus. Il s'applique également aux Informations confidentielles communiquées dans le cadre du Projet avant son entrée en vigueur.

              Les obligations prévues à l'article {{ref:obligations}} survivent au terme du Contrat pour la durée qui y est stipulée.
          - id: droitApplicable
            clause: governingLaw
            alternatives: [jurisdictionClientSeat]
        terms:
          startDate: effectiveDate
          endDate: endDate
          renewal:
            mode: none
        closing: "Fait à {{signaturePlace}}, en deux exemplaires originaux."
        """#

    /// Contrat-cadre SaaS : abonnement à la plateforme, support, niveaux de service et réversibilité.
    private static let msa = #"""
        title: "Contrat-cadre de prestation de services — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Prestataire
            help: Notre société ; renseignée par défaut.
            default:
              name: Paraphe Démo SAS
              legalForm: société par actions simplifiée au capital de 100 000 €
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Mme Claire Lambert, Présidente
          - name: client
            type: party
            label: Client
            help: Repris de la fiche du cocontractant lorsqu'il n'est pas saisi.
            required: true
            counterparty: true
          - name: services
            type: text
            label: Description des services
            help: Offre souscrite, périmètre et nombre d'utilisateurs, tels qu'ils figureront au contrat et en annexe 1.
            required: true
            max: 3000
          - name: annualFee
            type: money
            label: Redevance annuelle HT
            required: true
            min: 0
          - name: billing
            type: enum
            label: Périodicité de facturation
            options: [annuelle, trimestrielle, mensuelle]
            default: annuelle
          - name: startDate
            type: date
            label: Date d'entrée en vigueur
            required: true
          - name: duration
            type: duration
            label: Durée de la période initiale
            help: Le contrat se renouvelle ensuite tacitement par périodes de douze mois, sauf préavis de trois mois.
            default: P36M
          - name: supportLevel
            type: enum
            label: Niveau de support
            options: [standard, premium]
            default: standard
          - name: onSite
            type: boolean
            label: Interventions sur site
            default: false
          - name: dailyRate
            type: money
            label: Tarif journalier HT des interventions sur site
            default: {amount: "1200.00", currency: EUR}
          - name: indexation
            type: boolean
            label: Révision annuelle des prix (indice Syntec)
            default: true
          - name: reversibility
            type: boolean
            label: Plan de réversibilité
            help: Ajoute l'article et l'annexe de réversibilité ; recommandé au-delà de 50 000 € par an.
            default: true
          - name: specialConditions
            type: text
            label: Conditions particulières
            help: Laisser vide s'il n'y en a pas. Toute condition particulière est revue par le service juridique.
            max: 3000
          - name: signaturePlace
            type: text
            label: Lieu de signature
            default: Paris
        computed:
          - name: endDate
            value: endDate(startDate, duration)
          - name: annualFeeTTC
            value: withVat(annualFee, 20)
          - name: initialTotal
            value: annualFee * months(duration) / 12
        parties:
          - variable: provider
            role: le Prestataire
          - variable: client
            role: le Client
        preamble: |
          Le Prestataire et le Client sont ci-après désignés ensemble les « Parties » et individuellement une « Partie ».

          IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT :

          Le Prestataire édite et exploite en mode SaaS une plateforme de gestion du cycle de vie des contrats, et fournit les services de paramétrage, de formation et de support associés.

          Le Client souhaite bénéficier de ces services ; il reconnaît avoir reçu du Prestataire l'information et les conseils lui permettant de s'assurer qu'ils répondent à ses besoins. Les Parties ont donc conclu le présent contrat-cadre (le « Contrat »).

          IL A ÉTÉ CONVENU CE QUI SUIT :
        clauses:
          - id: definitions
            title: Définitions
            body: |
              Au sens du Contrat, les termes suivants, employés au singulier ou au pluriel, ont la signification ci-dessous :

              - **Services** : les services décrits à l'article {{ref:services}} et en annexe 1 ;
              - **Plateforme** : la solution logicielle du Prestataire, accessible en ligne, au moyen de laquelle les Services sont fournis ;
              - **Utilisateurs** : les personnes physiques placées sous la responsabilité du Client et autorisées par lui à accéder à la Plateforme ;
              - **Données du Client** : les données saisies ou importées dans la Plateforme par le Client ou les Utilisateurs ;
              - **Jour ouvré** : tout jour du lundi au vendredi, à l'exception des jours fériés en France métropolitaine.
          - id: objet
            title: Objet et documents contractuels
            body: |
              Le Contrat a pour objet de définir les conditions dans lesquelles le Prestataire fournit les Services au Client, ainsi que les obligations respectives des Parties.

              Le Contrat est constitué, par ordre de priorité décroissant, des documents suivants :

              1. le présent contrat-cadre ;
              2. ses annexes ;
              3. les bons de commande conclus en application du Contrat.

              En cas de contradiction entre ces documents, le document de rang supérieur prévaut. Les conditions générales d'achat du Client ne sont pas applicables au Contrat.
          - id: duree
            title: Durée
            body: |
              Le Contrat entre en vigueur le {{startDate}} pour une période initiale de {{duration}}, soit jusqu'au {{endDate}} inclus.

              À l'issue de la période initiale, il est renouvelé par tacite reconduction pour des périodes successives de douze (12) mois, sauf dénonciation par l'une des Parties notifiée par lettre recommandée avec demande d'avis de réception au moins trois (3) mois avant l'échéance de la période en cours.
          - id: services
            title: Description des services
            children:
              - id: perimetre
                title: Périmètre
                body: |
                  Le Prestataire fournit au Client les Services suivants :

                  {{services}}

                  Le détail des fonctionnalités et les niveaux de service figurent en annexe 1.
              - id: disponibilite
                title: Disponibilité
                body: |
                  Le Prestataire met en œuvre les moyens nécessaires pour assurer une disponibilité de la Plateforme de **99,5 %** par mois calendaire, hors opérations de maintenance programmées notifiées au moins quarante-huit (48) heures à l'avance et réalisées, dans la mesure du possible, en dehors des jours ouvrés. Si cet engagement n'est pas respecté, le Client bénéficie des avoirs prévus en annexe 1, qui constituent une indemnisation forfaitaire et libératoire au titre de l'indisponibilité.
              - id: support
                title: Support
                body: |
                  Le support est accessible par courrier électronique et depuis la Plateforme, les jours ouvrés de 9 heures à 18 heures. Le Prestataire prend en charge les incidents bloquants dans un délai de quatre (4) heures ouvrées et les autres incidents dans un délai de deux (2) jours ouvrés.
              - id: supportPremium
                title: Support premium
                when: supportLevel == 'premium'
                body: |
                  Par dérogation à l'article {{ref:support}}, le support est également accessible par téléphone les jours ouvrés de 8 heures à 20 heures, et les incidents bloquants sont pris en charge dans un délai d'une (1) heure, y compris en dehors des jours ouvrés. Un responsable de compte dédié est désigné et la qualité de service est revue chaque trimestre avec le Client.
              - id: interventionsSite
                title: Interventions sur site
                when: onSite
                body: |
                  À la demande du Client, le Prestataire peut intervenir dans ses locaux pour des prestations de paramétrage, de formation ou d'accompagnement. Ces interventions sont facturées au tarif journalier de {{dailyRate}} hors taxes, sur la base de bons d'intervention signés par le Client ; les frais de déplacement hors Île-de-France sont refacturés au coût réel sur justificatifs. Le personnel du Prestataire respecte le règlement intérieur et les consignes de sécurité du Client qui lui ont été communiqués. Il demeure placé sous l'autorité hiérarchique et disciplinaire exclusive du Prestataire.
          - id: obligationsClient
            title: Obligations du Client
            body: |
              Le Client s'engage à :

              - collaborer activement avec le Prestataire et lui communiquer en temps utile les informations nécessaires à l'exécution des Services ;
              - désigner un interlocuteur disposant des compétences et du pouvoir de décision nécessaires ;
              - veiller au respect par les Utilisateurs des conditions d'utilisation de la Plateforme et à la confidentialité de leurs identifiants ;
              - ne saisir dans la Plateforme que des données licites, dont il est en droit de disposer.
          - id: prix
            title: Prix et facturation
            children:
              - id: redevance
                title: Redevance
                body: |
                  En contrepartie des Services, le Client verse au Prestataire une redevance annuelle de **{{annualFee}} hors taxes** ({{annualFee | words}} hors taxes), soit {{annualFeeTTC}} toutes taxes comprises au taux de TVA de 20 % en vigueur à la date de signature.

                  Le montant de la redevance pour la période initiale s'élève ainsi à {{initialTotal}} hors taxes. La redevance est facturée selon une périodicité {{billing}}, terme à échoir.
              - id: revision
                title: Révision des prix
                when: indexation
                body: |
                  La redevance est révisée de plein droit le 1er janvier de chaque année selon la formule P1 = P0 × (S1 / S0), où P1 est la redevance révisée, P0 la redevance en vigueur, S1 le dernier indice Syntec publié à la date de la révision et S0 l'indice Syntec publié à la date de la révision précédente ou, pour la première révision, à la date d'entrée en vigueur du Contrat.
              - id: paiement
                clause: paymentTerms
                alternatives: [payment45DaysEndOfMonth, payment60Days]
                custom: true
          - id: proprieteIntellectuelle
            clause: intellectualProperty
            alternatives: [ipAssignment]
          - id: confidentialite
            clause: confidentiality
            alternatives: [confidentiality5Years]
          - id: donnees
            clause: dataProtection
            alternatives: [dataProtectionEnhanced]
          - id: responsabilite
            clause: liability
            alternatives: [liabilityCap200]
          - id: forceMajeure
            clause: forceMajeure
          - id: finContrat
            title: Fin du contrat
            children:
              - id: resiliation
                clause: termination
                alternatives: [terminationForConvenience]
              - id: reversibilite
                title: Réversibilité
                when: reversibility
                body: |
                  En cas de cessation du Contrat pour quelque cause que ce soit, y compris en cas de résiliation dans les conditions de l'article {{ref:resiliation}}, le Prestataire met à la disposition du Client, pendant trente (30) jours, l'ensemble des Données du Client dans un format standard et ouvert (CSV et JSON pour les données, PDF pour les documents), puis les supprime de ses systèmes à l'issue de ce délai.

                  À la demande du Client, le Prestataire l'assiste dans la migration vers une autre solution selon le plan de réversibilité figurant en annexe 2. Cette assistance est facturée au tarif journalier en vigueur.
          - id: dispositionsDiverses
            title: Dispositions diverses
            children:
              - id: referenceCommerciale
                clause: publicReference
                optional: true
                alternatives: [noPublicReference]
              - id: nonSollicitation
                clause: nonSolicitation
                alternatives: [noNonSolicitation]
          - id: conditionsParticulieres
            title: Conditions particulières
            when: specialConditions
            body: "{{specialConditions}}"
          - id: droitApplicable
            clause: governingLaw
            alternatives: [jurisdictionClientSeat]
        terms:
          amount: annualFee
          startDate: startDate
          endDate: endDate
          renewal:
            mode: tacit
            period: P12M
            notice: P3M
        closing: "Fait à {{signaturePlace}}, en deux exemplaires originaux."
        annexes:
          - title: Description des services et niveaux de service
            body: |
              **Services souscrits**

              {{services}}

              **Avoirs en cas d'indisponibilité**

              | Disponibilité mensuelle constatée | Avoir sur la redevance du mois |
              |---|---|
              | De 99 % à moins de 99,5 % | 5 % |
              | De 98 % à moins de 99 % | 10 % |
              | Moins de 98 % | 20 % |
          - title: Plan de réversibilité
            when: reversibility
            body: |
              Le plan de réversibilité comprend les étapes suivantes :

              1. notification par le Client de la date de cessation et de la solution cible ;
              2. extraction complète des Données du Client et des documents signés, dans un format standard et ouvert ;
              3. vérification contradictoire de l'exhaustivité de l'extraction ;
              4. assistance à la reprise des données par le Client ou par le nouveau prestataire ;
              5. suppression des Données du Client des systèmes du Prestataire et remise d'une attestation de destruction.
        """#

    /// Bon de commande : une offre, un nombre d'utilisateurs et un prix unitaire, sous conditions générales ou contrat-cadre.
    private static let orderForm = #"""
        title: "Bon de commande n° {{orderNumber}} — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Prestataire
            help: Notre société ; renseignée par défaut.
            default:
              name: Paraphe Démo SAS
              legalForm: société par actions simplifiée au capital de 100 000 €
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Mme Claire Lambert, Présidente
          - name: client
            type: party
            label: Client
            help: Repris de la fiche du cocontractant lorsqu'il n'est pas saisi.
            required: true
            counterparty: true
          - name: orderNumber
            type: text
            label: Numéro du bon de commande
            help: Année, tiret et numéro d'ordre, par exemple 2026-114.
            required: true
            pattern: '^[0-9]{4}-[0-9]{1,5}$'
          - name: product
            type: enum
            label: Offre souscrite
            options: [Paraphe Essentiel, Paraphe Business, Paraphe Entreprise]
            required: true
          - name: quantity
            type: number
            label: Nombre d'utilisateurs
            required: true
            min: 1
            max: 10000
          - name: unitPrice
            type: money
            label: Prix annuel HT par utilisateur
            required: true
            min: 0
          - name: setupFee
            type: money
            label: Frais de mise en service HT
            help: Forfait facturé une seule fois, à la signature ; laisser 0 s'il n'y en a pas.
            default: {amount: "0.00", currency: EUR}
            min: 0
          - name: startDate
            type: date
            label: Date de début de l'abonnement
            required: true
          - name: duration
            type: duration
            label: Durée de l'abonnement
            default: P12M
          - name: onboarding
            type: boolean
            label: Accompagnement au démarrage
            help: Trois demi-journées de formation à distance, incluses dans le prix.
            default: false
          - name: frameworkAgreementDate
            type: date
            label: Date du contrat-cadre
            help: À renseigner si un contrat-cadre est déjà signé avec le Client ; à défaut, les conditions générales de services s'appliquent.
          - name: purchaseOrder
            type: text
            label: Référence de commande interne du Client
            help: Numéro de bon d'achat à rappeler sur les factures, si le Client l'exige.
            max: 100
          - name: signaturePlace
            type: text
            label: Lieu de signature
            default: Paris
        computed:
          - name: annualTotal
            value: unitPrice * quantity
          - name: total
            value: annualTotal * months(duration) / 12 + setupFee
          - name: totalVat
            value: vat(total, 20)
          - name: totalTTC
            value: withVat(total, 20)
          - name: endDate
            value: endDate(startDate, duration)
        parties:
          - variable: provider
            role: le Prestataire
          - variable: client
            role: le Client
        preamble: |
          Le présent bon de commande (le « Bon de commande ») est conclu entre le Prestataire et le Client, ci-après désignés ensemble les « Parties ». Il forme, avec les conditions visées à l'article {{ref:conditions}}, le « Contrat ».
        clauses:
          - id: objet
            title: Objet
            body: |
              Par le présent Bon de commande, le Client souscrit auprès du Prestataire un abonnement à l'offre **{{product}}** de la plateforme Paraphe, pour le nombre d'utilisateurs et aux prix indiqués à l'article {{ref:commande}}.
          - id: commande
            title: Détail de la commande
            body: |
              | Désignation | Quantité | Prix unitaire HT | Montant HT |
              |---|---|---|---|
              | Abonnement annuel {{product}} (par utilisateur) | {{quantity}} | {{unitPrice}} | {{annualTotal}} |
              | Frais de mise en service (forfait) | 1 | {{setupFee}} | {{setupFee}} |

              Le montant total de la commande pour la durée de l'abonnement ({{duration}}), frais de mise en service compris, s'élève à **{{total}} hors taxes** ({{total | words}} hors taxes), soit {{totalVat}} de TVA au taux de 20 % et **{{totalTTC}} toutes taxes comprises**.
            children:
              - id: miseEnService
                title: Mise en service
                when: setupFee.amount > 0
                body: |
                  La mise en service comprend la création de l'espace du Client, le paramétrage de ses modèles de contrats et de son circuit de validation, et l'import de ses contrats existants dans la limite de cinq cents (500) documents. Elle est achevée dans un délai de quinze (15) jours ouvrés à compter de la réception des éléments demandés au Client.
              - id: accompagnement
                title: Accompagnement au démarrage
                when: onboarding
                body: |
                  Le Prestataire assure trois (3) demi-journées de formation à distance des utilisateurs désignés par le Client, dans les trois (3) mois suivant la date de début de l'abonnement. Les séances non utilisées dans ce délai sont perdues et ne donnent lieu à aucun remboursement.
          - id: duree
            title: Durée de l'abonnement
            body: |
              L'abonnement prend effet le {{startDate}} pour une durée de {{duration}}, soit jusqu'au {{endDate}} inclus. Il n'est pas renouvelé tacitement ; sa prolongation fait l'objet d'un nouveau bon de commande.
          - id: conditions
            title: Conditions applicables
            body: |
              Le Bon de commande est régi par les conditions générales de services du Prestataire en vigueur à sa date de signature, dont le Client reconnaît avoir pris connaissance et qu'il accepte sans réserve. En cas de contradiction, les stipulations du Bon de commande prévalent sur ces conditions générales.
            children:
              - id: contratCadre
                title: Contrat-cadre
                when: frameworkAgreementDate
                body: |
                  Par exception, le Bon de commande est conclu en application du contrat-cadre signé entre les Parties le {{frameworkAgreementDate}}, qui se substitue aux conditions générales de services et prévaut sur le Bon de commande, sauf pour les stipulations relatives à l'offre, aux quantités et aux prix.
          - id: facturation
            title: Facturation
            body: |
              L'abonnement est facturé annuellement et d'avance, à la date de début de l'abonnement puis, le cas échéant, à chaque date anniversaire. Les frais de mise en service sont facturés à la signature du Bon de commande.
            children:
              - id: referenceCommandeClient
                title: Référence de commande du Client
                when: purchaseOrder
                body: |
                  Les factures rappellent la référence de commande interne du Client {{purchaseOrder}}. Le Client ne peut toutefois se prévaloir de l'absence de cette référence pour différer le paiement d'une facture conforme au Bon de commande.
          - id: paiement
            clause: paymentTerms
            alternatives: [payment45DaysEndOfMonth, payment60Days]
            custom: true
          - id: referenceCommerciale
            clause: publicReference
            optional: true
            alternatives: [noPublicReference]
        terms:
          amount: total
          startDate: startDate
          endDate: endDate
          renewal:
            mode: none
        closing: "Fait à {{signaturePlace}}, en deux exemplaires originaux. Le Client fait précéder sa signature de la mention « Bon pour accord »."
        annexes:
          - title: Description des offres
            body: |
              | Fonctionnalité | Essentiel | Business | Entreprise |
              |---|---|---|---|
              | Référentiel de contrats et alertes d'échéance | oui | oui | oui |
              | Modèles de contrats et bibliothèque de clauses | 5 modèles | illimités | illimités |
              | Circuit d'approbation et signature électronique | non | oui | oui |
              | Authentification unique (SSO) et journal d'audit exportable | non | non | oui |
              | Support | standard | standard | premium |
        """#

    /// Accord de traitement des données (article 28 du RGPD) : nous sommes sous-traitant de nos clients.
    private static let dpa = #"""
        title: "Accord de traitement des données (DPA) — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Sous-traitant (notre société)
            help: Renseigné par défaut.
            default:
              name: Paraphe Démo SAS
              legalForm: société par actions simplifiée au capital de 100 000 €
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Mme Claire Lambert, Présidente
          - name: client
            type: party
            label: Responsable du traitement
            help: Le client ; repris de la fiche du cocontractant lorsqu'il n'est pas saisi.
            required: true
            counterparty: true
          - name: mainAgreement
            type: text
            label: Contrat principal
            help: "Intitulé et date du contrat de services auquel l'accord se rattache, par exemple : contrat-cadre de prestation de services du 1er mars 2026."
            required: true
            max: 300
          - name: effectiveDate
            type: date
            label: Date d'entrée en vigueur
            required: true
          - name: duration
            type: duration
            label: Durée du contrat principal
            help: L'accord suit la durée du contrat principal et ses renouvellements.
            default: P36M
          - name: dataCategories
            type: text
            label: Catégories de données traitées
            default: "données d'identification et de contact professionnels (nom, prénom, fonction, adresse électronique, téléphone), données de connexion et journaux d'activité, et données à caractère personnel figurant dans les contrats chargés dans la plateforme"
            max: 2000
          - name: dataSubjects
            type: list
            items: text
            label: Catégories de personnes concernées
            help: Une catégorie par élément de la liste.
            max: 20
            default:
              - utilisateurs de la plateforme désignés par le Client
              - salariés et mandataires sociaux du Client
              - représentants et interlocuteurs des cocontractants du Client
          - name: sensitiveData
            type: boolean
            label: Données sensibles
            help: Cochez si des catégories particulières de données (santé, opinions, etc.) ou des données relatives aux infractions peuvent être traitées.
            default: false
          - name: transfersOutsideEU
            type: boolean
            label: Transferts hors de l'Espace économique européen
            default: false
          - name: breachNotificationHours
            type: number
            label: Délai de notification des violations (en heures)
            help: 48 heures en standard ; 72 heures au plus.
            default: 48
            min: 1
            max: 72
          - name: deletionDelay
            type: duration
            label: Délai de suppression des données en fin de contrat
            default: P3M
          - name: signaturePlace
            type: text
            label: Lieu de signature
            default: Paris
        computed:
          - name: endDate
            value: endDate(effectiveDate, duration)
        parties:
          - variable: provider
            role: le Sous-traitant
          - variable: client
            role: le Responsable du traitement
        preamble: |
          Le Sous-traitant et le Responsable du traitement sont ci-après désignés ensemble les « Parties » et individuellement une « Partie ».

          IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT :

          Les Parties ont conclu le contrat suivant : {{mainAgreement}} (le « Contrat principal »), pour l'exécution duquel le Sous-traitant traite des données à caractère personnel pour le compte du Responsable du traitement.

          L'article 28 du règlement (UE) 2016/679 du 27 avril 2016 (le « RGPD ») impose que ce traitement soit régi par un contrat qui en définit l'objet, la durée, la nature et la finalité, le type de données et les catégories de personnes concernées, ainsi que les obligations et les droits du responsable du traitement. Tel est l'objet du présent accord (l'« Accord »), qui forme avec le Contrat principal un ensemble contractuel indivisible (le « Contrat »).

          IL A ÉTÉ CONVENU CE QUI SUIT :
        clauses:
          - id: objet
            title: Objet et définitions
            body: |
              L'Accord définit les conditions dans lesquelles le Sous-traitant traite, pour le compte du Responsable du traitement, les données à caractère personnel décrites à l'article {{ref:description}}.

              Les termes « donnée à caractère personnel », « traitement », « personne concernée », « violation de données à caractère personnel » et « autorité de contrôle » ont le sens que leur donne l'article 4 du RGPD. Un « sous-traitant ultérieur » est tout sous-traitant auquel le Sous-traitant recourt pour mener des activités de traitement pour le compte du Responsable du traitement.
          - id: description
            title: Description du traitement
            children:
              - id: finalite
                title: Nature et finalité
                body: |
                  Le Sous-traitant traite les données aux seules fins de fournir les services prévus au Contrat principal, à savoir l'hébergement, la conservation, l'analyse et la mise à disposition des contrats et documents du Responsable du traitement, la gestion des comptes des utilisateurs, le support et la maintenance de la plateforme.
              - id: donneesPersonnes
                title: Données et personnes concernées
                body: |
                  Les données traitées sont les suivantes : {{dataCategories}}.

                  Les personnes concernées sont les {{dataSubjects}}.
              - id: donneesSensibles
                title: Catégories particulières de données
                when: sensitiveData
                body: |
                  Le traitement peut porter sur des catégories particulières de données au sens de l'article 9 du RGPD ou sur des données relatives aux condamnations pénales et aux infractions au sens de son article 10. Le Responsable du traitement s'assure de disposer d'une base légale et d'une exception applicables ; le Sous-traitant applique à ces données les mesures renforcées décrites en annexe 1, notamment un chiffrement systématique et la journalisation de chaque accès.
              - id: dureeTraitement
                title: Durée du traitement
                body: |
                  Le traitement est réalisé pendant la durée du Contrat principal, soit à compter du {{effectiveDate}} pour une durée initiale de {{duration}} expirant le {{endDate}}, et pendant ses éventuels renouvellements, puis jusqu'à la suppression des données dans les conditions de l'article {{ref:sortDonnees}}.
          - id: obligations
            title: Obligations du Sous-traitant
            clause: dataProtection
            alternatives: [dataProtectionEnhanced]
            custom: true
          - id: obligationsResponsable
            title: Obligations du Responsable du traitement
            body: |
              Le Responsable du traitement s'engage à :

              - fournir au Sous-traitant des instructions documentées, licites et conformes au RGPD ;
              - informer les personnes concernées des traitements réalisés et disposer d'une base légale pour chacun d'eux ;
              - veiller, au préalable et pendant toute la durée du traitement, au respect par le Sous-traitant des obligations prévues par le RGPD.

              Le Sous-traitant informe immédiatement le Responsable du traitement si, selon lui, une instruction constitue une violation du RGPD ou d'autres dispositions du droit de l'Union ou du droit des États membres relatives à la protection des données.
          - id: securite
            title: Sécurité des données
            body: |
              Le Sous-traitant met en œuvre les mesures techniques et organisationnelles décrites en annexe 1 afin de garantir un niveau de sécurité adapté au risque, conformément à l'article 32 du RGPD. Il peut les faire évoluer, à condition de ne pas réduire le niveau global de sécurité.

              Toute violation de données à caractère personnel est traitée dans les conditions de l'article {{ref:violations}}.
          - id: sousTraitance
            title: Sous-traitants ultérieurs
            body: |
              Le Responsable du traitement autorise de manière générale le Sous-traitant à recourir aux sous-traitants ultérieurs figurant en annexe 2. Le Sous-traitant l'informe de tout ajout ou remplacement envisagé au moins trente (30) jours à l'avance ; le Responsable du traitement peut s'y opposer pour un motif légitime pendant ce délai.

              Le Sous-traitant impose à chaque sous-traitant ultérieur, par contrat, les mêmes obligations en matière de protection des données que celles de l'Accord. Il demeure pleinement responsable devant le Responsable du traitement de l'exécution de ces obligations.
          - id: transferts
            title: Transferts hors de l'Espace économique européen
            when: transfersOutsideEU
            body: |
              Tout transfert de données vers un pays situé hors de l'Espace économique européen qui ne bénéficie pas d'une décision d'adéquation de la Commission européenne est encadré par les clauses contractuelles types adoptées par la décision d'exécution (UE) 2021/914 de la Commission du 4 juin 2021, figurant en annexe 3, complétées si nécessaire par des mesures supplémentaires identifiées à l'issue d'une analyse d'impact du transfert.
          - id: violations
            title: Violations de données à caractère personnel
            body: |
              Le Sous-traitant notifie au Responsable du traitement toute violation de données à caractère personnel dans un délai maximal de **{{breachNotificationHours}} heures** après en avoir pris connaissance, sans préjudice d'un délai plus court prévu à l'article {{ref:obligations}}, par courrier électronique adressé à l'interlocuteur désigné par le Responsable du traitement.

              La notification précise, dans la mesure du possible :

              - la nature de la violation, les catégories et le nombre approximatif de personnes et d'enregistrements concernés ;
              - les conséquences probables de la violation ;
              - les mesures prises ou proposées pour y remédier et en atténuer les effets.

              Il appartient au Responsable du traitement de notifier la violation à la Commission nationale de l'informatique et des libertés (CNIL) et, le cas échéant, aux personnes concernées.
          - id: assistance
            title: Assistance et droits des personnes concernées
            body: |
              Le Sous-traitant transmet au Responsable du traitement, dans un délai de cinq (5) jours ouvrés, toute demande d'exercice de droits qu'il reçoit directement d'une personne concernée, sans y répondre lui-même sauf instruction contraire. Il l'aide, par des mesures techniques et organisationnelles appropriées, à y donner suite, ainsi qu'à réaliser les analyses d'impact et les consultations préalables de l'autorité de contrôle.
          - id: audit
            title: Documentation et audit
            body: |
              Le Sous-traitant tient à la disposition du Responsable du traitement la documentation nécessaire pour démontrer le respect de ses obligations, notamment ses certifications et les rapports d'audit de sécurité de moins de douze (12) mois réalisés par des tiers indépendants.
            children:
              - id: auditSurSite
                title: Audit sur site
                optional: true
                included: false
                body: |
                  Le Responsable du traitement peut, une fois par année civile et moyennant un préavis écrit de trente (30) jours, faire réaliser à ses frais un audit sur site par un auditeur indépendant, non concurrent du Sous-traitant et tenu au secret professionnel. L'audit se déroule pendant les heures ouvrées, sans perturber l'exploitation, et ne porte pas sur les données des autres clients du Sous-traitant. Le rapport d'audit est communiqué au Sous-traitant.
          - id: responsabilite
            clause: liability
            alternatives: [liabilityCap200]
          - id: sortDonnees
            title: Sort des données en fin de contrat
            body: |
              Au terme du Contrat principal, le Sous-traitant restitue au Responsable du traitement, à sa demande, l'ensemble des données dans un format standard et ouvert, puis supprime les données et leurs copies de ses systèmes, y compris de ses sauvegardes, dans un délai maximal de {{deletionDelay}}, sauf obligation légale de conservation. Il en justifie par écrit à la demande du Responsable du traitement.
          - id: dispositionsFinales
            title: Dispositions finales
            body: |
              L'Accord est régi par la loi applicable au Contrat principal, et tout litige relatif à l'Accord relève de la juridiction compétente au titre du Contrat principal. En cas de contradiction entre l'Accord et le Contrat principal, l'Accord prévaut pour tout ce qui concerne la protection des données à caractère personnel.
        terms:
          startDate: effectiveDate
          endDate: endDate
          renewal:
            mode: none
        closing: "Fait à {{signaturePlace}}, en deux exemplaires originaux."
        annexes:
          - title: Mesures techniques et organisationnelles
            body: |
              - Hébergement de la plateforme et des sauvegardes dans des centres de données situés en France, certifiés ISO/IEC 27001.
              - Chiffrement des données en transit (TLS 1.2 ou supérieur) et au repos (AES-256).
              - Authentification forte des administrateurs, gestion des habilitations selon le principe du moindre privilège et revue trimestrielle des accès.
              - Journalisation des accès et des opérations d'administration, conservée douze (12) mois.
              - Sauvegardes quotidiennes chiffrées, conservées trente (30) jours, et tests de restauration semestriels.
              - Tests d'intrusion annuels réalisés par un prestataire indépendant.
              - Sensibilisation annuelle du personnel à la sécurité et à la protection des données.
          - title: Sous-traitants ultérieurs autorisés
            body: |
              | Sous-traitant ultérieur | Prestation | Localisation des données |
              |---|---|---|
              | Nuage Hébergement SARL | Hébergement de la plateforme et sauvegardes | France (Bordeaux) |
              | Messagerie Transactionnelle SAS | Envoi des courriers électroniques de notification | France (Lille) |
              | Signature Confiance SAS | Signature électronique des contrats | France (Paris) |
          - title: Clauses contractuelles types
            when: transfersOutsideEU
            body: |
              Les clauses contractuelles types figurant à l'annexe de la décision d'exécution (UE) 2021/914 de la Commission du 4 juin 2021 (module 2, transfert de responsable du traitement à sous-traitant, ou module 3, transfert de sous-traitant à sous-traitant) sont intégrées par référence à l'Accord. Les informations requises par leurs appendices figurent aux articles {{ref:description}} et {{ref:sousTraitance}} et en annexes 1 et 2.
        """#

    /// Contrat fournisseur : nous achetons ; le cocontractant est le Fournisseur et notre société le Client.
    private static let supplier = #"""
        title: "Contrat fournisseur — {{supplier.name}}"
        variables:
          - name: company
            type: party
            label: Notre société
            help: Société acheteuse ; renseignée par défaut.
            default:
              name: Paraphe Démo SAS
              legalForm: société par actions simplifiée au capital de 100 000 €
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Mme Claire Lambert, Présidente
          - name: supplier
            type: party
            label: Fournisseur
            help: Repris de la fiche du cocontractant lorsqu'il n'est pas saisi.
            required: true
            counterparty: true
          - name: subject
            type: text
            label: Objet de la prestation
            help: "Ce que le Fournisseur fournit, par exemple : hébergement de la plateforme de production et sauvegardes quotidiennes externalisées."
            required: true
            max: 2000
          - name: price
            type: money
            label: Prix annuel HT
            required: true
            min: 0
          - name: startDate
            type: date
            label: Date d'entrée en vigueur
            required: true
          - name: duration
            type: duration
            label: Durée initiale
            help: Le contrat se renouvelle ensuite tacitement par périodes de douze mois, sauf préavis d'un mois.
            default: P12M
          - name: hosting
            type: boolean
            label: Service en ligne ou hébergement
            help: Ajoute un engagement de disponibilité du Fournisseur.
            default: false
          - name: availability
            type: percent
            label: Disponibilité garantie
            help: Utilisée seulement pour un service en ligne ou un hébergement.
            default: 99.9
            min: 90
            max: 100
          - name: personalData
            type: boolean
            label: Traitement de données personnelles
            help: Cochez si le Fournisseur traite des données à caractère personnel pour notre compte ; un accord de traitement des données (DPA) doit alors être signé.
            default: true
          - name: latePenalties
            type: boolean
            label: Pénalités de retard
            default: false
          - name: penaltyRate
            type: percent
            label: Pénalité par semaine de retard
            help: En pourcentage du prix annuel HT ; le total est plafonné à 10 %.
            default: 1
            min: 0
            max: 10
          - name: insuranceAmount
            type: money
            label: Assurance responsabilité civile professionnelle minimale
            default: {amount: "2000000.00", currency: EUR}
          - name: signaturePlace
            type: text
            label: Lieu de signature
            default: Paris
        computed:
          - name: endDate
            value: endDate(startDate, duration)
          - name: priceTTC
            value: withVat(price, 20)
        parties:
          - variable: company
            role: le Client
          - variable: supplier
            role: le Fournisseur
        preamble: |
          Le Client et le Fournisseur sont ci-après désignés ensemble les « Parties » et individuellement une « Partie ».

          IL A ÉTÉ PRÉALABLEMENT EXPOSÉ CE QUI SUIT :

          Le Client édite une plateforme de gestion du cycle de vie des contrats, qu'il met à la disposition de ses propres clients. Pour les besoins de son activité, il a souhaité confier au Fournisseur la prestation décrite à l'article {{ref:objet}}, à l'issue d'une consultation au terme de laquelle l'offre du Fournisseur a été retenue.

          Le Fournisseur déclare disposer des compétences, des moyens et des autorisations nécessaires à l'exécution de cette prestation, et avoir obtenu du Client toutes les informations utiles pour apprécier ses besoins.

          IL A ÉTÉ CONVENU CE QUI SUIT :
        clauses:
          - id: objet
            title: Objet
            body: |
              Le présent contrat (le « Contrat ») a pour objet de définir les conditions dans lesquelles le Fournisseur fournit au Client la prestation suivante (la « Prestation ») :

              {{subject}}
          - id: documents
            title: Documents contractuels
            body: |
              Le Contrat est constitué, par ordre de priorité décroissant, du présent document, de ses annexes et de l'offre du Fournisseur. Les conditions générales de vente du Fournisseur ne sont pas applicables au Contrat, même si elles figurent sur ses devis ou ses factures.
          - id: duree
            title: Durée
            body: |
              Le Contrat entre en vigueur le {{startDate}} pour une durée initiale de {{duration}}, soit jusqu'au {{endDate}} inclus. Il est ensuite renouvelé par tacite reconduction pour des périodes successives de douze (12) mois, sauf dénonciation par l'une des Parties notifiée par lettre recommandée avec demande d'avis de réception au moins un (1) mois avant l'échéance.
          - id: obligationsFournisseur
            title: Obligations du Fournisseur
            body: |
              Le Fournisseur exécute la Prestation conformément aux règles de l'art, aux stipulations du Contrat et à la réglementation applicable. Il est tenu à l'égard du Client d'une obligation de conseil, de mise en garde et d'alerte.
            children:
              - id: disponibilite
                title: Disponibilité du service
                when: hosting
                body: |
                  Le Fournisseur garantit une disponibilité du service de **{{availability}}** par mois calendaire, hors maintenances programmées notifiées au Client au moins cinq (5) jours ouvrés à l'avance. Toute indisponibilité non programmée est signalée au Client sans délai, avec une estimation de sa durée, puis fait l'objet d'un rapport d'incident après le rétablissement du service.
              - id: personnel
                title: Personnel du Fournisseur
                body: |
                  Le Fournisseur exécute la Prestation avec un personnel qualifié, régulièrement employé et placé sous son autorité exclusive. Il remet au Client, à la signature du Contrat puis tous les six (6) mois jusqu'à la fin de son exécution, les documents prévus aux articles L. 8222-1 et D. 8222-5 du Code du travail.
              - id: sousTraitance
                title: Sous-traitance
                optional: true
                body: |
                  Le Fournisseur ne peut sous-traiter tout ou partie de la Prestation sans l'accord préalable et écrit du Client. Il demeure seul responsable à l'égard du Client de l'exécution de la Prestation par ses sous-traitants.
          - id: prix
            title: Prix et paiement
            children:
              - id: montant
                title: Prix
                body: |
                  En contrepartie de la Prestation, le Client verse au Fournisseur un prix annuel forfaitaire de **{{price}} hors taxes** ({{price | words}} hors taxes), soit {{priceTTC}} toutes taxes comprises. Ce prix comprend l'ensemble des frais exposés par le Fournisseur pour l'exécution de la Prestation et demeure ferme pendant la durée initiale du Contrat.

                  Le prix est facturé trimestriellement, terme échu. Chaque facture rappelle le numéro de commande communiqué par le Client.
              - id: paiement
                clause: paymentTerms
                alternatives: [payment45DaysEndOfMonth, payment60Days]
          - id: penalites
            title: Pénalités de retard
            when: latePenalties
            body: |
              En cas de retard dans l'exécution de la Prestation par rapport au calendrier convenu, non imputable au Client, le Fournisseur est redevable de plein droit, sans mise en demeure préalable, d'une pénalité égale à {{penaltyRate}} du prix annuel hors taxes par semaine de retard, dans la limite de 10 % de ce prix. Les pénalités ne sont pas libératoires et ne privent pas le Client de la faculté de résilier le Contrat dans les conditions de l'article {{ref:resiliation}}.
          - id: assurances
            title: Assurances
            body: |
              Le Fournisseur souscrit et maintient pendant toute la durée du Contrat une assurance de responsabilité civile professionnelle auprès d'une compagnie notoirement solvable, pour un montant minimal de {{insuranceAmount}} par sinistre. Il en justifie à la signature du Contrat puis à chaque échéance annuelle de sa police.
          - id: confidentialite
            clause: confidentiality
            alternatives: []
          - id: donnees
            clause: dataProtection
            when: personalData
            alternatives: [dataProtectionEnhanced]
          - id: responsabilite
            clause: liability
            alternatives: [liabilityCap200]
            custom: true
          - id: resiliation
            clause: termination
            alternatives: [terminationForConvenience]
          - id: forceMajeure
            clause: forceMajeure
          - id: droitApplicable
            clause: governingLaw
            alternatives: []
        terms:
          amount: price
          startDate: startDate
          endDate: endDate
          renewal:
            mode: tacit
            period: P12M
            notice: P1M
        closing: "Fait à {{signaturePlace}}, en deux exemplaires originaux."
        annexes:
          - title: Accord de traitement des données
            when: personalData
            body: |
              Le traitement de données à caractère personnel réalisé par le Fournisseur pour le compte du Client fait l'objet d'un accord de traitement des données conforme à l'article 28 du RGPD, signé par les Parties en même temps que le Contrat et qui en fait partie intégrante. En cas de contradiction, cet accord prévaut sur le Contrat pour tout ce qui concerne la protection des données à caractère personnel.
        """#

    /// Mutual NDA in English for foreign prospects, with the English clauses of the library.
    private static let ndaEnglish = #"""
        title: "Mutual non-disclosure agreement — {{client.name}}"
        variables:
          - name: provider
            type: party
            label: Our company
            help: Filled in by default.
            default:
              name: Paraphe Démo SAS
              legalForm: French société par actions simplifiée with a share capital of €100,000
              registrationNumber: RCS Paris 912 345 678
              address: 10 rue de la Boétie, 75008 Paris
              representative: Ms Claire Lambert, President
          - name: client
            type: party
            label: Counterparty
            help: Taken from the counterparty record when left empty.
            required: true
            counterparty: true
          - name: purpose
            type: text
            label: Purpose of the discussions
            help: "Completes the sentence “the Parties are considering…”, for example: a deployment of the Paraphe platform across the Client's legal department."
            required: true
            max: 1000
          - name: effectiveDate
            type: date
            label: Effective date
            required: true
          - name: duration
            type: duration
            label: Term
            help: Period during which information may be exchanged; the confidentiality obligations survive it.
            default: P24M
          - name: sourceCode
            type: boolean
            label: Source code or security information may be disclosed
            help: Adds stricter handling rules for source code, architecture documents and security test results.
            default: false
          - name: signaturePlace
            type: text
            label: Place of signature
            default: Paris
        computed:
          - name: endDate
            value: endDate(effectiveDate, duration)
        parties:
          - variable: provider
            role: the Company
          - variable: client
            role: the Client
        preamble: |
          The Company and the Client are hereinafter referred to together as the “Parties” and each as a “Party”.

          WHEREAS:

          The Company publishes and operates a contract lifecycle management platform. The Parties are considering {{purpose}} (the “Project”).

          In this context, the Parties will exchange confidential information and wish to set out the terms on which such information is disclosed, used and protected.

          NOW, THEREFORE, THE PARTIES AGREE AS FOLLOWS:
        clauses:
          - id: scope
            title: Purpose
            body: |
              This mutual non-disclosure agreement (the “Agreement”) sets out the terms on which each Party discloses and protects the Confidential Information, as defined in clause {{ref:definitions}}, exchanged in connection with the Project.

              Nothing in this Agreement obliges either Party to enter into any further agreement regarding the Project, nor grants any exclusivity.
          - id: definitions
            title: Definitions
            body: |
              In this Agreement:

              - **Confidential Information** has the meaning given in clause {{ref:confidentiality}} and includes in particular technical, commercial, financial and legal information, and information on customers, products and know-how, whether or not marked as confidential;
              - **Disclosing Party** means the Party disclosing Confidential Information;
              - **Receiving Party** means the Party receiving Confidential Information;
              - **Representatives** means a Party's officers, employees, advisers and subcontractors, and the companies controlling it or controlled by it within the meaning of article L. 233-3 of the French Commercial Code.
          - id: confidentiality
            title: Confidentiality obligations
            clause: confidentialityEn
            alternatives: [confidentiality5Years]
            custom: true
          - id: sourceCodeRules
            title: Source code and security information
            when: sourceCode
            body: |
              Source code, architecture documents, security test results and access credentials disclosed under this Agreement may only be accessed by named individuals approved in writing by the Disclosing Party, on systems under the Receiving Party's control, and may never be copied to removable media or to any third-party service. The Receiving Party shall notify the Disclosing Party without delay of any actual or suspected unauthorised access.
          - id: returnOfInformation
            title: Return and destruction
            body: |
              Upon expiry or termination of this Agreement, or at any time upon the Disclosing Party's written request, the Receiving Party shall return or destroy, within fifteen (15) days, all Confidential Information and any copies in any medium, and confirm this in writing.

              The Receiving Party may keep a copy where required by law or where it is held in automatic electronic backups, provided it continues to protect it in accordance with clause {{ref:confidentiality}}.
          - id: noLicence
            title: No licence and no warranty
            body: |
              Confidential Information remains the property of the Disclosing Party. Its disclosure grants the Receiving Party no intellectual property right, licence or other right of any kind, express or implied.

              Confidential Information is provided “as is”, without any warranty as to its accuracy or completeness.
          - id: nonSolicitation
            title: Non-solicitation
            optional: true
            included: false
            body: |
              During the term of this Agreement and for twelve (12) months thereafter, neither Party shall solicit with a view to hiring, or hire, directly or indirectly, any employee of the other Party who took part in the Project, without the other Party's prior written consent. This restriction does not apply to hiring following an unsolicited application or a response to a public job advertisement.
          - id: term
            title: Term
            body: |
              This Agreement takes effect on {{effectiveDate}} for a term of {{duration}}, ending on {{endDate}}. It also applies to Confidential Information disclosed in connection with the Project before its effective date.

              The obligations in clause {{ref:confidentiality}} survive the expiry or termination of this Agreement for the period stated therein.
          - id: governingLaw
            clause: governingLawEn
            alternatives: [jurisdictionClientSeat]
        terms:
          startDate: effectiveDate
          endDate: endDate
          renewal:
            mode: none
        closing: "Executed in {{signaturePlace}}, in two original copies."
        """#
}
