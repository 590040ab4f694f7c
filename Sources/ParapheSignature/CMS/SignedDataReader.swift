import SwiftASN1
import X509

/// Reads a CMS ContentInfo holding a SignedData: enough of it to check a PAdES signature or a time-stamp token. It
/// reads; it decides nothing.
struct SignedDataReader {
    struct Signer {
        var issuer: DistinguishedName
        var serial: ArraySlice<UInt8>
        /// The signed attributes encoded as the SET they were signed as.
        var signedAttributesSet: [UInt8]
        var signedAttributes: [ASN1ObjectIdentifier: ASN1Node]
        var signatureAlgorithm: ASN1ObjectIdentifier
        var signature: [UInt8]
        var unsignedAttributes: [ASN1ObjectIdentifier: ASN1Node]
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    var certificates: [Certificate]
    var contentType: ASN1ObjectIdentifier
    var content: [UInt8]?
    var signers: [Signer]

    init(_ bytes: ArraySlice<UInt8>) throws {
        let root = try DER.parse(bytes)
        let info = try Self.children(root)
        guard info.count == 2, try ASN1ObjectIdentifier(derEncoded: info[0]) == OID.signedData,
              let signedData = try Self.children(info[1]).first
        else { throw Malformed(description: "not a CMS SignedData") }
        var fields = try Self.children(signedData)[...]
        guard fields.count >= 4 else { throw Malformed(description: "SignedData is incomplete") }
        fields = fields.dropFirst(2)
        let encapsulated = try Self.children(fields.removeFirst())
        guard let type = encapsulated.first else { throw Malformed(description: "no encapsulated content type") }
        contentType = try ASN1ObjectIdentifier(derEncoded: type)
        if encapsulated.count > 1, let octets = try Self.children(encapsulated[1]).first {
            content = Array(try ASN1OctetString(derEncoded: octets).bytes)
        }
        certificates = []
        while let next = fields.first, next.identifier.tagClass == .contextSpecific {
            fields.removeFirst()
            if next.identifier.tagNumber == 0 {
                certificates = try Self.children(next).compactMap { try? Certificate(derEncoded: $0) }
            }
        }
        guard let signerSet = fields.first else { throw Malformed(description: "no SignerInfos") }
        signers = try Self.children(signerSet).map(Self.signer)
    }

    private static func signer(_ node: ASN1Node) throws -> Signer {
        var fields = try children(node)[...]
        guard fields.count >= 5 else { throw Malformed(description: "SignerInfo is incomplete") }
        fields.removeFirst()
        let sid = try children(fields.removeFirst())
        guard sid.count == 2 else { throw Malformed(description: "the signer is not named by issuer and serial number") }
        let issuer = try DistinguishedName(derEncoded: sid[0])
        guard case .primitive(let serial) = sid[1].content else { throw Malformed(description: "bad serial number") }
        fields.removeFirst()
        guard let signedNode = fields.first, signedNode.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) else {
            throw Malformed(description: "no signed attributes")
        }
        fields.removeFirst()
        var signedSet = Array(signedNode.encodedBytes)
        signedSet[0] = 0x31
        guard let algorithmNode = try children(fields.removeFirst()).first else { throw Malformed(description: "no signature algorithm") }
        let signature = try ASN1OctetString(derEncoded: fields.removeFirst())
        var unsigned: [ASN1ObjectIdentifier: ASN1Node] = [:]
        if let node = fields.first, node.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) {
            unsigned = try attributes(node)
        }
        return Signer(issuer: issuer, serial: serial, signedAttributesSet: signedSet, signedAttributes: try attributes(signedNode),
                      signatureAlgorithm: try ASN1ObjectIdentifier(derEncoded: algorithmNode), signature: Array(signature.bytes),
                      unsignedAttributes: unsigned)
    }

    /// Each attribute's first value, by type.
    private static func attributes(_ node: ASN1Node) throws -> [ASN1ObjectIdentifier: ASN1Node] {
        var result: [ASN1ObjectIdentifier: ASN1Node] = [:]
        for attribute in try children(node) {
            let parts = try children(attribute)
            guard parts.count == 2, let value = try children(parts[1]).first else { throw Malformed(description: "bad attribute") }
            result[try ASN1ObjectIdentifier(derEncoded: parts[0])] = value
        }
        return result
    }

    static func children(_ node: ASN1Node) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { throw Malformed(description: "expected a constructed element") }
        return Array(nodes)
    }

    /// The certificate a signer names, among those the SignedData carries.
    func certificate(of signer: Signer) -> Certificate? {
        certificates.first { $0.serialNumber.bytes.drop { $0 == 0 }.elementsEqual(signer.serial.drop { $0 == 0 }) && $0.issuer == signer.issuer }
    }
}
