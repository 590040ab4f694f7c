import Crypto
import Foundation
import ParapheDocuments
import SwiftASN1
import X509

/// What a check of a sealed PDF found, in the words a person needs: valid, modified, signed by someone we do not
/// know, or not sealed by Paraphe at all.
public struct SealVerification: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case valid
        case modified
        case unknownSigner = "unknown_signer"
        case notSealed = "not_sealed"

        /// For `paraphe verify`: 0 only when the file is intact and ours.
        public var exitCode: Int32 {
            switch self {
            case .valid: 0
            case .modified: 2
            case .unknownSigner: 3
            case .notSealed: 4
            }
        }
    }

    public enum Level: String, Sendable, Codable, CaseIterable {
        case baselineB = "PAdES-B-B"
        case baselineT = "PAdES-B-T"
    }

    public var outcome: Outcome
    /// Why, when the outcome is not `valid`: a short code the catalogue translates.
    public var reason: String?
    public var signer: String?
    public var level: Level?
    public var timestamp: Date?
    public var timestampAuthority: String?
    /// Whether the time-stamp's authority chains to a trusted time-stamp root; nil without a time-stamp.
    public var timestampTrusted: Bool?
    /// The embedded evidence, when the seal covers it.
    public var evidence: Data?
    public var fileSha256: String

    static func failed(_ outcome: Outcome, _ reason: String, _ file: String) -> SealVerification {
        SealVerification(outcome: outcome, reason: reason, fileSha256: file)
    }
}

/// Checks a sealed PDF without trusting anything in it but the roots it is given: the ByteRange covers the whole
/// file but the signature, the digest matches, the CMS signature verifies with the certificate it names, the ESS
/// signing certificate is that certificate, the certificate may seal (key usage) and chains to a trusted root through
/// issuers that are CAs, and, when the organisation's seal certificates are pinned, is one of them. A time-stamp must
/// be signed by an authority and cover this signature; it is trusted when the authority chains to a time-stamp root.
/// The embedded evidence must agree with what the file carries: a token it asked for cannot be missing.
public struct SealVerifier: Sendable {
    public let trustedRoots: [Certificate]
    /// The organisation's seal certificates: a certificate under the same root that is not one of them (a colleague's,
    /// from a corporate CA) is an unknown signer. Empty trusts whatever the roots issued.
    public let pinnedSeals: [Certificate]
    public let timestampRoots: [Certificate]

    public init(trustedRoots: [Certificate], pinnedSeals: [Certificate] = [], timestampRoots: [Certificate] = []) {
        self.trustedRoots = trustedRoots
        self.pinnedSeals = pinnedSeals
        self.timestampRoots = timestampRoots
    }

    public func verify(_ pdf: Data) -> SealVerification {
        let bytes = [UInt8](pdf)
        let file = SHA256.hash(data: bytes).hexadecimal
        let evidence = Self.evidence(in: bytes)
        // Something that carries our evidence but no longer checks out was sealed and then changed; anything else
        // without a readable signature was simply never sealed by us.
        let broken: SealVerification.Outcome = evidence == nil ? .notSealed : .modified
        guard let rangeStart = PDFBytes.lastRange(of: "/ByteRange [", in: bytes[...]) else {
            return .failed(broken, "no_signature", file)
        }
        var numbers: [Int] = []
        var index = rangeStart.upperBound
        while numbers.count < 4, let next = PDFBytes.integer(after: index, in: bytes) {
            numbers.append(next.value)
            index = next.end
        }
        guard numbers.count == 4, numbers[0] == 0, numbers[1] > 0, numbers[2] > numbers[1] + 1,
              numbers[2] <= bytes.count, bytes[numbers[1]] == UInt8(ascii: "<"), bytes[numbers[2] - 1] == UInt8(ascii: ">")
        else { return .failed(broken, "byte_range", file) }
        guard numbers[2] + numbers[3] == bytes.count else { return .failed(.modified, "changed_after_sealing", file) }
        guard let der = Self.hexDecoded(bytes[(numbers[1] + 1)..<(numbers[2] - 1)]),
              let length = DERBytes.firstElementLength(der[...]),
              let signedData = try? SignedDataReader(der[..<length]),
              signedData.certificates.count <= CertificatePath.maxPool
        else { return .failed(broken, "signature_unreadable", file) }

        var hasher = SHA256()
        hasher.update(data: bytes[0..<numbers[1]])
        hasher.update(data: bytes[numbers[2]..<bytes.count])
        guard let signer = signedData.signers.first, let named = signedData.certificate(of: signer) else {
            return .failed(.unknownSigner, "no_certificate", file)
        }
        guard let (_, certificate) = signedData.verifiedSigner(digest: Array(hasher.finalize())) else {
            return .failed(SignedDataReader.algorithm(signer.signatureAlgorithm) == nil ? .unknownSigner : .modified, "signature", file)
        }
        guard let essNode = signer.signedAttributes[OID.signingCertificateV2], let certificateDER = try? certificate.derBytes,
              Self.essHash(essNode) == Array(SHA256.hash(data: certificateDER))
        else { return .failed(.modified, "signing_certificate", file) }
        guard signer.signedAttributes[OID.signingTime] == nil else { return .failed(.notSealed, "signing_time", file) }
        _ = named

        var result = SealVerification(outcome: .valid, signer: certificate.commonName, level: .baselineB, evidence: evidence, fileSha256: file)
        let token = signer.unsignedAttributes[OID.timeStampToken]
        if let token {
            guard let info = try? TimestampInfo(token: token.encodedBytes), info.signedBy != nil,
                  info.imprint == Array(SHA256.hash(data: signer.signature))
            else { return .failed(.modified, "timestamp", file) }
            result.level = .baselineT
            result.timestamp = info.time
            result.timestampAuthority = info.authority
            result.timestampTrusted = info.trusted(by: timestampRoots)
        }
        let usage = try? certificate.extensions.keyUsage
        guard usage.map({ $0.digitalSignature || $0.nonRepudiation }) ?? true,
              CertificatePath.chains(certificate, through: signedData.certificates, to: trustedRoots),
              pinnedSeals.isEmpty || pinnedSeals.contains(where: { $0.publicKey == certificate.publicKey })
        else {
            result.outcome = .unknownSigner
            result.reason = "untrusted_certificate"
            return result
        }
        guard let evidence else { return .failed(.notSealed, "no_evidence", file) }
        // The evidence is inside the signed bytes; the token is not. A token the evidence says was obtained cannot have
        // gone, and one it says was not obtained cannot have appeared.
        let asked = Self.timestampStatus(evidence) == "requested"
        if asked != (token != nil) { return .failed(.modified, asked ? "timestamp_removed" : "timestamp_added", file) }
        return result
    }

    static func timestampStatus(_ evidence: Data) -> String? {
        ((try? JSONSerialization.jsonObject(with: evidence)) as? [String: Any])
            .flatMap { $0["timestamp"] as? [String: Any] }.flatMap { $0["status"] as? String }
    }

    /// The certHash of the first ESSCertIDv2.
    private static func essHash(_ node: ASN1Node) -> [UInt8]? {
        guard let certs = try? SignedDataReader.children(node).first,
              let first = try? SignedDataReader.children(certs).first,
              let fields = try? SignedDataReader.children(first)
        else { return nil }
        // A hashAlgorithm other than the default SHA-256 comes first as a SEQUENCE; we only write the default.
        guard let hash = fields.first(where: { $0.identifier == .octetString }) else { return nil }
        return (try? ASN1OctetString(derEncoded: hash)).map { Array($0.bytes) }
    }

    /// The embedded evidence file, as the sealer writes it: hex, so nothing a signer typed (a browser's name, a title)
    /// can put PDF syntax such as `/ByteRange` in the file's bytes.
    static func evidence(in bytes: [UInt8]) -> Data? {
        guard let marker = PDFBytes.lastRange(of: PDFSealUpdate.evidenceMarker, in: bytes[...]),
              let length = PDFBytes.integer(after: marker.upperBound, in: bytes),
              let start = PDFBytes.firstRange(of: "stream\n", in: bytes[length.end...]),
              start.upperBound + length.value <= bytes.count,
              let decoded = hexDecoded(bytes[start.upperBound..<start.upperBound + length.value].dropLast())
        else { return nil }
        return Data(decoded)
    }

    private static func hexDecoded(_ hex: ArraySlice<UInt8>) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x37
            case 0x61...0x66: c - 0x57
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}

extension Sequence<UInt8> {
    var hexadecimal: String { map { String(format: "%02x", $0) }.joined() }
}
