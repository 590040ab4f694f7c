import Crypto
import Foundation
import SwiftASN1
import X509

/// An RFC 3161 time-stamp authority. `exchange` carries a DER TimeStampReq to the authority and returns its DER
/// TimeStampResp: over HTTP in production, through `openssl ts` in tests.
public struct TimestampAuthority: Sendable {
    public let name: String
    let exchange: @Sendable ([UInt8]) async throws -> [UInt8]
    let nonce: @Sendable () -> UInt64

    public init(name: String, nonce: @escaping @Sendable () -> UInt64 = { UInt64.random(in: 1...UInt64(Int64.max)) },
                exchange: @escaping @Sendable ([UInt8]) async throws -> [UInt8]) {
        self.name = name
        self.nonce = nonce
        self.exchange = exchange
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// A token over `digest` (the SHA-256 of the signature value), checked before it is embedded: granted, over
    /// this digest, with our nonce.
    func token(for digest: [UInt8]) async throws -> [UInt8] {
        let nonce = Int(nonce() & UInt64(Int64.max))
        let request = try DERBytes.of { coder in
            try coder.appendConstructedNode(identifier: .sequence) { request in
                try request.serialize(1)
                try request.appendConstructedNode(identifier: .sequence) { imprint in
                    try imprint.algorithm(OID.sha256)
                    try imprint.serialize(ASN1OctetString(contentBytes: ArraySlice(digest)))
                }
                try request.serialize(nonce)
                try request.serialize(true)
            }
        }
        let response: [UInt8]
        do {
            response = try await exchange(request)
        } catch {
            throw Failure(description: "the time-stamp authority did not answer (\(error))")
        }
        do {
            let parts = try SignedDataReader.children(try DER.parse(response))
            guard let statusInfo = parts.first, let statusNode = try SignedDataReader.children(statusInfo).first else {
                throw Failure(description: "the time-stamp response has no status")
            }
            let status = try Int(derEncoded: statusNode)
            guard status == 0 || status == 1, parts.count == 2 else {
                throw Failure(description: "the time-stamp authority refused the request (status \(status))")
            }
            let token = Array(parts[1].encodedBytes)
            let info = try TimestampInfo(token: token[...])
            guard info.imprint == digest else { throw Failure(description: "the time-stamp is over another digest") }
            guard info.signedBy != nil else { throw Failure(description: "the time-stamp's signature does not verify") }
            guard info.nonce == nonce else { throw Failure(description: "the time-stamp answers another request") }
            return token
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "the time-stamp response cannot be read (\(error))")
        }
    }
}

/// What a time-stamp token states (when, over which digest), and whether its authority really signed it: the
/// token's own CMS signature over the TSTInfo, by a certificate allowed to time-stamp (extended key usage
/// timeStamping). Whether that authority is trusted is the caller's question.
struct TimestampInfo {
    var time: Date
    var imprint: [UInt8]
    var nonce: Int?
    var authority: String?
    /// The authority's certificate when the token's signature verifies; nil for a forged or damaged token.
    var signedBy: Certificate?
    var pool: [Certificate]

    init(token: ArraySlice<UInt8>) throws {
        let signedData = try SignedDataReader(token)
        guard signedData.contentType == OID.tstInfo, let content = signedData.content else {
            throw SignedDataReader.Malformed(description: "not a time-stamp token")
        }
        let fields = try SignedDataReader.children(try DER.parse(content))
        guard fields.count >= 5 else { throw SignedDataReader.Malformed(description: "TSTInfo is incomplete") }
        let imprint = try SignedDataReader.children(fields[2])
        guard imprint.count == 2 else { throw SignedDataReader.Malformed(description: "bad message imprint") }
        self.imprint = Array(try ASN1OctetString(derEncoded: imprint[1]).bytes)
        let generalized = try GeneralizedTime(derEncoded: fields[4])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(
            year: generalized.year, month: generalized.month, day: generalized.day, hour: generalized.hours,
            minute: generalized.minutes, second: generalized.seconds))
        else { throw SignedDataReader.Malformed(description: "bad time") }
        time = date.addingTimeInterval(generalized.fractionalSeconds)
        nonce = fields.dropFirst(5).first { $0.identifier == .integer }.flatMap { try? Int(derEncoded: $0) }
        authority = signedData.signers.first.flatMap { signedData.certificate(of: $0) }?.commonName
        pool = signedData.certificates
        if let (_, certificate) = signedData.verifiedSigner(digest: Array(SHA256.hash(data: content))),
           (try? certificate.extensions.extendedKeyUsage)?.contains(.timeStamping) == true {
            signedBy = certificate
        }
    }

    /// Whether the signing certificate chains to one of `roots`.
    func trusted(by roots: [Certificate]) -> Bool {
        signedBy.map { CertificatePath.chains($0, through: pool, to: roots) } ?? false
    }
}
