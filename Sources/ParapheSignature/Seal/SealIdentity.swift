import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// The organisation's seal: a private key and its certificate chain, leaf first. The chain's last certificate is the
/// root a verifier trusts.
public struct SealIdentity: Sendable {
    public let privateKey: Certificate.PrivateKey
    public let chain: [Certificate]
    let signatureAlgorithm: Certificate.SignatureAlgorithm

    public var leaf: Certificate { chain[0] }
    public var root: Certificate { chain[chain.count - 1] }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case emptyChain
        case unsupportedKey(String)
        case keyDoesNotMatchCertificate
        case unreadable(String)

        public var description: String {
            switch self {
            case .emptyChain: "the seal certificate file holds no certificate"
            case .unsupportedKey(let kind): "the seal key must be RSA (3072 bits or more) or P-256, not \(kind)"
            case .keyDoesNotMatchCertificate: "the seal key is not the key of the first certificate in the chain"
            case .unreadable(let reason): "the seal key or certificate cannot be read: \(reason)"
            }
        }
    }

    /// A key and a PEM chain (leaf first, the issuing CA after it), as given by PARAPHE_SEAL_KEY and
    /// PARAPHE_SEAL_CERT.
    public init(keyPEM: String, chainPEM: String) throws {
        let key: Certificate.PrivateKey
        let chain: [Certificate]
        do {
            key = try Certificate.PrivateKey(pemEncoded: keyPEM)
            chain = try PEMDocument.parseMultiple(pemString: chainPEM).map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw LoadError.unreadable(String(describing: error))
        }
        guard let leaf = chain.first else { throw LoadError.emptyChain }
        guard leaf.publicKey == key.publicKey else { throw LoadError.keyDoesNotMatchCertificate }
        try self.init(privateKey: key, chain: chain)
    }

    init(privateKey: Certificate.PrivateKey, chain: [Certificate]) throws {
        if let rsa = _RSA.Signing.PublicKey(privateKey.publicKey) {
            guard rsa.keySizeInBits >= 3072 else { throw LoadError.unsupportedKey("RSA-\(rsa.keySizeInBits)") }
            signatureAlgorithm = .sha256WithRSAEncryption
        } else if P256.Signing.PublicKey(privateKey.publicKey) != nil {
            signatureAlgorithm = .ecdsaWithSHA256
        } else {
            throw LoadError.unsupportedKey(privateKey.description)
        }
        self.privateKey = privateKey
        self.chain = chain
    }

    /// A self-signed CA and a seal certificate under it, for an organisation that has not brought its own. The CA's
    /// key is not kept: it signs this one leaf and is gone, so nobody can later issue a second seal in its name.
    public static func generate(organisation: String, now: Date) throws -> SealIdentity {
        let caKey = P256.Signing.PrivateKey()
        let leafKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName(organisation)
            CommonName("\(organisation) – autorité de cachet Paraphe")
        }
        let leafName = try DistinguishedName {
            OrganizationName(organisation)
            CommonName("\(organisation) – cachet électronique")
        }
        let caPublic = Certificate.PublicKey(caKey.publicKey)
        let leafPublic = Certificate.PublicKey(leafKey.publicKey)
        let start = now.addingTimeInterval(-3600)
        let ca = try Certificate(
            version: .v3, serialNumber: serialNumber(), publicKey: caPublic, notValidBefore: start,
            notValidAfter: now.addingTimeInterval(25 * 365 * 86400), issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: caPublic)
            },
            issuerPrivateKey: .init(caKey))
        let leaf = try Certificate(
            version: .v3, serialNumber: serialNumber(), publicKey: leafPublic, notValidBefore: start,
            notValidAfter: now.addingTimeInterval(10 * 365 * 86400), issuer: caName, subject: leafName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                SubjectKeyIdentifier(hash: leafPublic)
                AuthorityKeyIdentifier(keyIdentifier: SubjectKeyIdentifier(hash: caPublic).keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))
        return try SealIdentity(privateKey: .init(leafKey), chain: [leaf, ca])
    }

    /// 159 random bits with the top bit clear: positive and at most 20 octets once encoded, as RFC 5280 requires.
    /// swift-certificates' default draws 160 bits, and half of those encode in 21 octets, which NSS (pdfsig, Firefox,
    /// Thunderbird) refuses.
    static func serialNumber() -> Certificate.SerialNumber {
        var bytes = (0..<20).map { _ in UInt8.random(in: .min ... .max) }
        bytes[0] = bytes[0] & 0x7F | 0x01
        return Certificate.SerialNumber(bytes: bytes)
    }

    public var keyPEM: String {
        get throws { try privateKey.serializeAsPEM().pemString }
    }

    public var chainPEM: String {
        get throws { try chain.map { try $0.serializeAsPEM().pemString }.joined(separator: "\n") + "\n" }
    }

    func signature(over bytes: [UInt8]) throws -> [UInt8] {
        try privateKey.sign(bytes: bytes, signatureAlgorithm: signatureAlgorithm).rawRepresentation
    }

    var signatureAlgorithmIdentifier: (oid: ASN1ObjectIdentifier, nullParameters: Bool) {
        signatureAlgorithm == .ecdsaWithSHA256 ? (OID.ecdsaWithSHA256, false) : (OID.sha256WithRSAEncryption, true)
    }
}

extension Certificate {
    var derBytes: [UInt8] {
        get throws { try DERBytes.of { try $0.serialize(self) } }
    }

    /// The subject's common name, for a person reading a verification result.
    public var commonName: String {
        subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.map { String(describing: $0.value) }
            ?? subject.description
    }
}
