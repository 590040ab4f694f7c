import Crypto
import SwiftASN1
import X509

/// A detached CMS SignedData as PAdES baseline B-B wants it (ETSI EN 319 142-1): content-type, message-digest and
/// ESS signing-certificate-v2 as signed attributes, and no signing-time, which PAdES forbids since the time belongs
/// in the PDF's /M or in a time-stamp. With a time-stamp token over the signature value, it is B-T.
///
/// swift-certificates keeps its CMS types behind `@_spi` and always adds signing-time, so the structure is written
/// here with swift-asn1.
enum CAdESSignature {
    static func build(
        digest: SHA256Digest, identity: SealIdentity, timestamp: (([UInt8]) async throws -> [UInt8])?
    ) async throws -> [UInt8] {
        let leaf = try identity.leaf.derBytes
        let attributes = DERBytes.setOrder([
            try DERBytes.of { try $0.attribute(OID.contentType, value: DERBytes.of { try $0.serialize(OID.data) }) },
            try DERBytes.of { try $0.attribute(OID.messageDigest, value: DERBytes.of { try $0.serialize(ASN1OctetString(contentBytes: ArraySlice(digest))) }) },
            try DERBytes.of { try $0.attribute(OID.signingCertificateV2, value: signingCertificateV2(leaf)) },
        ])
        // The signature covers the attributes encoded as a SET; the SignerInfo carries them under an implicit [0].
        let signedSet = DERBytes.of { coder in
            coder.appendConstructedNode(identifier: .set) { for attribute in attributes { $0.serializeRawBytes(attribute) } }
        }
        let signature = try identity.signature(over: signedSet)

        // A failing authority throws: the sealer then seals again without a token and says so in the evidence.
        var token: [UInt8]?
        if let timestamp { token = try await timestamp(Array(SHA256.hash(data: signature))) }

        let certificates = DERBytes.setOrder(try identity.chain.map { try $0.derBytes })
        let signerInfo = try DERBytes.of { coder in
            try coder.appendConstructedNode(identifier: .sequence) { info in
                try info.serialize(1)
                try info.appendConstructedNode(identifier: .sequence) { sid in
                    try sid.serialize(identity.leaf.issuer)
                    sid.integer(magnitude: identity.leaf.serialNumber.bytes)
                }
                try info.algorithm(OID.sha256)
                info.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { set in
                    for attribute in attributes { set.serializeRawBytes(attribute) }
                }
                let algorithm = identity.signatureAlgorithmIdentifier
                try info.algorithm(algorithm.oid, nullParameters: algorithm.nullParameters)
                try info.serialize(ASN1OctetString(contentBytes: ArraySlice(signature)))
                if let token {
                    try info.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)) { set in
                        try set.attribute(OID.timeStampToken, value: token)
                    }
                }
            }
        }
        return try DERBytes.of { coder in
            try coder.appendConstructedNode(identifier: .sequence) { contentInfo in
                try contentInfo.serialize(OID.signedData)
                try contentInfo.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { explicit in
                    try explicit.appendConstructedNode(identifier: .sequence) { signedData in
                        try signedData.serialize(1)
                        try signedData.appendConstructedNode(identifier: .set) { try $0.algorithm(OID.sha256) }
                        try signedData.appendConstructedNode(identifier: .sequence) { try $0.serialize(OID.data) }
                        signedData.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { set in
                            for certificate in certificates { set.serializeRawBytes(certificate) }
                        }
                        signedData.appendConstructedNode(identifier: .set) { $0.serializeRawBytes(signerInfo) }
                    }
                }
            }
        }
    }

    /// SigningCertificateV2 with one ESSCertIDv2: the SHA-256 of the seal certificate (SHA-256 is the default
    /// algorithm, so it is not written).
    private static func signingCertificateV2(_ certificate: [UInt8]) throws -> [UInt8] {
        try DERBytes.of { coder in
            try coder.appendConstructedNode(identifier: .sequence) { value in
                try value.appendConstructedNode(identifier: .sequence) { certs in
                    try certs.appendConstructedNode(identifier: .sequence) { id in
                        try id.serialize(ASN1OctetString(contentBytes: ArraySlice(SHA256.hash(data: certificate))))
                    }
                }
            }
        }
    }
}
