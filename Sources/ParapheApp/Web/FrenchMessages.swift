import Foundation

/// The French for the validation messages the domain writes in English (the API's `detail` and `errors[].message`
/// stay English: clients match on them). Each entry is an anchored pattern over the whole message; a message no entry
/// matches shows as written, and the crawler's bad-input pass reports it.
enum FrenchMessages {
    static let table: [(NSRegularExpression, String)] = [
        (#"^is required.*$"#, "Champ obligatoire."),
        (#"^must be a date.*$"#, "Date attendue au format AAAA-MM-JJ."),
        (#"^must not be before startDate.*$"#, "La date de fin précède la date de début."),
        (#"^must not be negative.*$"#, "Le montant ne peut pas être négatif."),
        (#"^must be (a decimal string|an amount such as|a decimal such as).*$"#, "Montant attendu, p. ex. 12 000,00."),
        (#"^must be an ISO 8601 duration.*$"#, "Choisissez une durée dans la liste."),
        (#"^(must be a number|is not a number)$"#, "Nombre attendu."),
        (#"^must be at least (\d+) characters$"#, "Au moins $1 caractères."),
        (#"^must be at most (\d+) characters$"#, "Au plus $1 caractères."),
        (#"^must be at least (\d+) items$"#, "Au moins $1 éléments."),
        (#"^must be at most (\d+) items$"#, "Au plus $1 éléments."),
        (#"^must be at least (.+)$"#, "Au moins $1."),
        (#"^must be at most (.+)$"#, "Au plus $1."),
        (#"^must be 1 to 60 letters, digits, '_' or '-', starting with a letter$"#,
         "De 1 à 60 lettres, chiffres, « _ » ou « - », en commençant par une lettre."),
        (#"^'(.*)' is used twice$"#, "« $1 » est utilisé deux fois."),
        (#"^'(.*)' is declared twice$"#, "« $1 » est déclaré deux fois."),
        (#"^comes from the template's variables; generate the contract again to change it$"#,
         "Vient des variables du modèle : générez à nouveau le contrat pour le modifier."),
        (#"^choose a colleague$"#, "Choisissez un collègue."),
        (#"^must be a time zone such as Europe/Paris$"#, "Choisissez un fuseau horaire dans la liste."),
        (#"^must be fr or en$"#, "Choisissez le français ou l'anglais."),
        (#"^no user with this id$"#, "Aucun utilisateur ne porte cet identifiant."),
        (#"^must be (.*), other than you and the requester$"#, "Choisissez une personne habilitée, autre que vous et que le demandeur."),
        (#"^must be approve or reject$"#, "Choisissez d'approuver ou de refuser."),
        // The template manifest, as legal writes it.
        (#"^must be a mapping with title, variables and clauses$"#, "doit être un document YAML avec title, variables et clauses."),
        (#"^must be a mapping$"#, "doit être une table YAML (clé : valeur)."),
        (#"^keys must be plain names$"#, "les clés doivent être des noms simples."),
        (#"^unknown field; expected one of (.*)$"#, "champ inconnu ; champs possibles : $1."),
        (#"^anchors and aliases are not supported$"#, "les ancres et alias YAML ne sont pas acceptés."),
        (#"^must be text$"#, "doit être un texte."),
        (#"^must not be empty$"#, "ne doit pas être vide."),
        (#"^must be true or false$"#, "doit valoir true ou false."),
        (#"^must be a list$"#, "doit être une liste."),
        (#"^must list at least one article$"#, "doit contenir au moins un article."),
        (#"^must be none, tacit or explicit$"#, "doit valoir none, tacit ou explicit."),
        (#"^must be a name of letters, digits and '_', starting with a letter.*$"#,
         "doit être un nom fait de lettres, de chiffres et de « _ », commençant par une lettre (ni and, or, not, in, true, false)."),
        (#"^must be one of (.*)$"#, "doit valoir l'une de ces valeurs : $1."),
        (#"^is not a valid regular expression$"#, "n'est pas une expression régulière valide."),
        (#"^is required for an enum$"#, "obligatoire pour une énumération (enum)."),
        (#"^is only for enum variables$"#, "réservé aux variables enum."),
        (#"^is only for party variables$"#, "réservé aux variables party."),
        (#"^needs a body, a library clause or children$"#, "demande un texte (body), une clause de la bibliothèque (clause) ou des sous-articles (children)."),
        (#"^cannot be set with clause: the library clause gives the text$"#, "incompatible avec clause : le texte vient de la clause de la bibliothèque."),
        (#"^needs clause: alternatives come from a library clause$"#, "demande clause : les variantes viennent d'une clause de la bibliothèque."),
        (#"^articles nest at most three levels deep$"#, "les articles s'imbriquent sur trois niveaux au plus."),
        (#"^is only for optional articles$"#, "réservé aux articles facultatifs (optional)."),
        (#"^unknown variable '([^']*)'; known: (.*)$"#, "variable inconnue « $1 » ; variables connues : $2."),
        (#"^unknown variable '([^']*)'$"#, "variable inconnue « $1 »."),
        (#"^'([^']*)' \(([^)]*)\) has no field '([^']*)'$"#, "« $1 » ($2) n'a pas de champ « $3 »."),
        (#"^'([^']*)' reaches too deep$"#, "« $1 » va trop loin dans les champs."),
        (#"^(\S+) takes (\d+) arguments, not (\d+)$"#, "$1 prend $2 arguments, pas $3."),
        (#"^unknown function '([^']*)'; known: (.*)$"#, "fonction inconnue « $1 » ; fonctions connues : $2."),
        (#"^'([^']*)' is already a variable$"#, "« $1 » est déjà une variable."),
        (#"^refers to article '([^']*)', which does not exist$"#, "renvoie à l'article « $1 », qui n'existe pas."),
        (#"^refers to article '([^']*)', which a contract can leave out \('([^']*)'.*$"#,
         "renvoie à l'article « $1 », qu'un contrat peut omettre (« $2 » est facultatif ou conditionnel) : n'y renvoyez que depuis l'intérieur."),
        (#"^'([^']*)' appears twice; a contract could not choose between them$"#, "« $1 » apparaît deux fois : un contrat ne pourrait pas choisir entre les deux."),
        (#"^'([^']*)' is not an alternative of clause '([^']*)'; it has (.*)$"#, "« $1 » n'est pas une variante de la clause « $2 » ; ses variantes : $3."),
        (#"^unknown library clause '([^']*)'$"#, "clause inconnue de la bibliothèque : « $1 »."),
        (#"^article id '([^']*)' is also the key of a choosable clause; rename it$"#,
         "l'identifiant d'article « $1 » est aussi la clé d'une clause à choisir : renommez-le."),
        (#"^'([^']*)' must be a party variable$"#, "« $1 » doit être une variable de type party."),
        (#"^unexpected (.*) in '(.*)'$"#, "$1 inattendu dans « $2 »."),
        (#"^nests deeper than (\d+) levels$"#, "s'imbrique sur plus de $1 niveaux."),
        (#"^missing '(.)'.*$"#, "« $1 » manquant."),
        (#"^the expression ends too early$"#, "l'expression s'arrête trop tôt."),
        (#"^is longer than (\d+) characters$"#, "dépasse $1 caractères."),
        (#"^'(.*)' is not a number$"#, "« $1 » n'est pas un nombre."),
        (#"^unexpected character '(.*)'$"#, "caractère inattendu « $1 »."),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// What a CRM integration's checks say; field and object names stay as the CRM spells them. Apart from the table,
    /// where `must be one of` names the manifest's own values.
    static let crm: [(NSRegularExpression, String)] = [
        (#"^(\S+) has no field (\S+): was it renamed or deleted in the CRM\?$"#, "$1 n'a pas de champ $2 : a-t-il été renommé ou supprimé dans le CRM ?"),
        (#"^the CRM has no object (\S+)$"#, "le CRM n'a pas d'objet $1"),
        (#"^(\S+) is read-only in the CRM$"#, "$1 est en lecture seule dans le CRM"),
        (#"^(\S+) is of type (\S+), which cannot hold (\S+)$"#, "$1 est de type $2, qui ne peut pas recevoir $3"),
        (#"^the CRM refused them: (.*)$"#, "le CRM les a refusés : $1"),
        (#"^the CRM cannot be reached: (.*)$"#, "le CRM est injoignable : $1"),
        (#"^is required for (\S+)$"#, "obligatoire pour ce CRM"),
        (#"^'(\S+)' is read from the CRM: use direction pull$"#, "« $1 » vient du CRM : choisissez le sens CRM → Paraphe"),
        (#"^'(\S+)' is Paraphe's: use direction push.*$"#, "« $1 » appartient à Paraphe : choisissez le sens Paraphe → CRM"),
        (#"^unknown Paraphe field '(.*)'.*$"#, "champ Paraphe inconnu « $1 »"),
        (#"^(\S+) is already written by another line$"#, "$1 est déjà écrit par une autre ligne"),
        (#"^no published template with this id$"#, "aucun modèle publié ne porte cet identifiant"),
        (#"^no active colleague with this id$"#, "aucun collègue actif ne porte cet identifiant"),
        (#"^name the colleague who signs for the company.*$"#, "choisissez le collègue qui signe pour l'entreprise quand la règle envoie pour signature"),
        (#"^must be a unique name of letters, digits and _$"#, "doit être un nom unique fait de lettres, chiffres et _"),
        (#"^must be a CRM (object|field) name.*$"#, "nom d'objet ou de champ CRM attendu (lettres, chiffres, _)"),
        (#"^must have 1 to 255 characters$"#, "doit compter de 1 à 255 caractères"),
        (#"^must be an http or https URL.*$"#, "adresse http ou https attendue, sans identifiants"),
        (#"^points to a private or loopback address.*$"#, "adresse du réseau interne : cochez « Autoriser une adresse du réseau interne »"),
        (#"^must be one of .*$"#, "valeur inconnue"),
        (#"^are required$"#, "obligatoires"),
        (#"^cannot change; connect a new integration instead$"#, "ne peut pas changer : connectez une nouvelle intégration"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// The French for a message, or nil when none is known.
    static func translate(_ message: String, using table: [(NSRegularExpression, String)] = table) -> String? {
        let range = NSRange(message.startIndex..., in: message)
        for (pattern, template) in table {
            guard let match = pattern.firstMatch(in: message, range: range) else { continue }
            return pattern.replacementString(for: match, in: message, offset: 0, template: template)
        }
        return nil
    }
}
