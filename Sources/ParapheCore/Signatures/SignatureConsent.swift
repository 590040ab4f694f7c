/// The consent a signer gives before signing. Versioned: the version and the hash of the exact text shown are kept
/// with the signature, so a later change of wording never rewrites what someone agreed to.
public enum SignatureConsent {
    public static let version = "2026-12-01"

    public static func text(_ language: Language) -> String {
        switch language {
        case .fr:
            "J'accepte de signer ce document électroniquement. Je reconnais avoir lu l'intégralité du document dont l'empreinte "
                + "SHA-256 est affichée, et que ma signature électronique m'engage comme une signature manuscrite."
        case .en:
            "I agree to sign this document electronically. I confirm I have read the whole document whose SHA-256 fingerprint "
                + "is shown, and that my electronic signature binds me as a handwritten one would."
        }
    }
}
