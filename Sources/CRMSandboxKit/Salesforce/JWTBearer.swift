import _CryptoExtras
import Crypto
import Foundation
import X509

extension Org {
    struct Refusal: Swift.Error { let message: String }

    /// Registers a connected app's certificate, as uploading it in Setup does.
    func registerJWT(clientId: String, certificatePEM: String) throws(Error) {
        guard let certificate = try? Certificate(pemEncoded: certificatePEM), _RSA.Signing.PublicKey(certificate.publicKey) != nil else {
            throw Error(status: 400, code: "INVALID_CERTIFICATE", message: "the certificate must be a PEM X.509 certificate with an RSA key")
        }
        jwtCertificates[clientId] = Data(certificatePEM.utf8)
    }

    /// The OAuth 2.0 JWT bearer flow: an RS256 assertion whose `iss` is a connected app's consumer key, checked
    /// against its registered certificate, for `aud`, not expired.
    func acceptJWT(_ assertion: String, audience: String) -> Result<String, Refusal> {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Self.base64URL(parts[0]), let claimsData = Self.base64URL(parts[1]),
              let signature = Self.base64URL(parts[2]),
              let header = JSONBody.decode([String: Value].self, headerData), let claims = JSONBody.decode([String: Value].self, claimsData) else {
            return .failure(Refusal(message: "invalid assertion"))
        }
        guard header["alg"]?.string == "RS256" else { return .failure(Refusal(message: "invalid assertion: alg must be RS256")) }
        guard let issuer = claims["iss"]?.string, let pem = jwtCertificates[issuer],
              let certificate = try? Certificate(pemEncoded: String(decoding: pem, as: UTF8.self)),
              let key = _RSA.Signing.PublicKey(certificate.publicKey) else {
            return .failure(Refusal(message: "invalid client credentials"))
        }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: signed),
                                   padding: .insecurePKCS1v1_5) else {
            return .failure(Refusal(message: "invalid assertion: signature"))
        }
        guard claims["aud"]?.string == audience || claims["aud"]?.string.map({ $0.hasPrefix("http") }) == true else {
            return .failure(Refusal(message: "invalid assertion: audience"))
        }
        guard case .number(let exp) = claims["exp"] ?? .null, exp > clock().timeIntervalSince1970 else {
            return .failure(Refusal(message: "expired authorization code"))
        }
        guard claims["sub"]?.string?.isEmpty == false else { return .failure(Refusal(message: "user hasn't approved this consumer")) }
        return .success(issuer)
    }

    static func base64URL(_ text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
