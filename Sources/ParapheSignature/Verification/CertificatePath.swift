import SwiftASN1
import X509

/// Whether a certificate chains to a trusted root through issuers that may issue: each issuer a CA (basic
/// constraints), allowed to sign certificates (key usage, when present), and its signature on the child valid. The
/// pool comes from the file being checked, so it is capped, and each certificate is tried once.
enum CertificatePath {
    static let maxPool = 10
    static let maxDepth = 3

    static func chains(_ certificate: Certificate, through pool: [Certificate], to roots: [Certificate]) -> Bool {
        guard pool.count <= maxPool else { return false }
        var tried: Set<Certificate> = []
        func walk(_ child: Certificate, depth: Int) -> Bool {
            if roots.contains(child) { return true }
            guard depth < maxDepth else { return false }
            for issuer in roots + pool where issuer != child && issuer.subject == child.issuer && !tried.contains(issuer) {
                guard mayIssue(issuer), issuer.publicKey.isValidSignature(child.signature, for: child) else { continue }
                tried.insert(issuer)
                if walk(issuer, depth: depth + 1) { return true }
            }
            return false
        }
        return walk(certificate, depth: 0)
    }

    static func mayIssue(_ certificate: Certificate) -> Bool {
        guard case .isCertificateAuthority = (try? certificate.extensions.basicConstraints) ?? .notCertificateAuthority else { return false }
        guard let usage = try? certificate.extensions.keyUsage else { return true }
        return usage.keyCertSign
    }
}

extension SignedDataReader {
    /// The signer's certificate, when the signature over the signed attributes verifies with it and the
    /// message-digest attribute is `digest`; nil otherwise.
    func verifiedSigner(digest: [UInt8]) -> (signer: Signer, certificate: Certificate)? {
        guard let signer = signers.first, let certificate = certificate(of: signer),
              let node = signer.signedAttributes[OID.messageDigest], let stated = try? ASN1OctetString(derEncoded: node),
              Array(stated.bytes) == digest, let algorithm = Self.algorithm(signer.signatureAlgorithm),
              certificate.publicKey.isValidSignature(signer.signature, for: signer.signedAttributesSet, signatureAlgorithm: algorithm)
        else { return nil }
        return (signer, certificate)
    }

    static func algorithm(_ oid: ASN1ObjectIdentifier) -> Certificate.SignatureAlgorithm? {
        switch oid {
        case OID.ecdsaWithSHA256: .ecdsaWithSHA256
        case OID.sha256WithRSAEncryption, OID.rsaEncryption: .sha256WithRSAEncryption
        default: nil
        }
    }
}
