import Foundation
@testable import ParapheSignature
import Testing

/// The independent checks a sealed PDF must pass: poppler's pdfsig (with the CA in an NSS database), pyHanko,
/// openssl cms, and qpdf. Each returns what the tool said, so a test can assert on its words.
enum SealCheckers {
    struct Workspace {
        let directory: URL
        let pdf: URL
        let ca: URL
    }

    static func workspace(pdf: Data, identity: SealIdentity) throws -> Workspace {
        let directory = try Checkers.temporaryDirectory()
        let pdfURL = directory.appendingPathComponent("sealed.pdf")
        let caURL = directory.appendingPathComponent("ca.pem")
        try pdf.write(to: pdfURL)
        try identity.root.serializeAsPEM().pemString.write(to: caURL, atomically: true, encoding: .utf8)
        return Workspace(directory: directory, pdf: pdfURL, ca: caURL)
    }

    /// pdfsig's report, with the organisation's CA trusted in a fresh NSS database.
    static func pdfsig(_ workspace: Workspace) throws -> String? {
        guard let pdfsig = Checkers.find("pdfsig"), let certutil = Checkers.find("certutil") else { return nil }
        let nss = workspace.directory.appendingPathComponent("nss")
        try FileManager.default.createDirectory(at: nss, withIntermediateDirectories: true)
        _ = try Checkers.run(certutil, ["-N", "-d", "sql:\(nss.path)", "--empty-password"])
        let added = try Checkers.run(certutil, ["-A", "-d", "sql:\(nss.path)", "-n", "paraphe-ca", "-t", "CT,C,C", "-i", workspace.ca.path])
        #expect(added.status == 0, "certutil: \(added.errors)")
        let result = try Checkers.run(pdfsig, ["-nssdir", "sql:\(nss.path)", workspace.pdf.path])
        return result.output + result.errors
    }

    /// pyHanko's validation, trusting the organisation's CA (and a test TSA's certificate when given).
    static func pyhanko(_ workspace: Workspace, alsoTrust: [URL] = []) throws -> (status: Int32, output: String)? {
        let script = """
        import sys
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature
        from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
        from pyhanko_certvalidator import ValidationContext
        from pyhanko.keys import load_cert_from_pemder
        from pyhanko.sign.diff_analysis import ModificationLevel
        roots = [load_cert_from_pemder(p) for p in sys.argv[2:]]
        with open(sys.argv[1], 'rb') as f:
            r = PdfFileReader(f)
            sig = r.embedded_signatures[0]
            status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
            print('intact', status.intact, 'valid', status.valid, 'trusted', status.trusted)
            print('coverage', status.coverage.name)
            print('level', sig.sig_object['/SubFilter'], 'timestamp', status.timestamp_validity is not None and status.timestamp_validity.valid)
            print('pades', 'B-T' if status.timestamp_validity is not None else 'B-B')
            print(status.pretty_print_details())
        """
        let result = try Checkers.run("/usr/bin/env", [Checkers.python, "-c", script, workspace.pdf.path, workspace.ca.path] + alsoTrust.map(\.path))
        if result.errors.contains("No module named 'pyhanko'"), !Checkers.required { return nil }
        return (result.status, result.output + result.errors)
    }

    /// `openssl cms -verify` over the bytes the ByteRange names, with the CMS taken from /Contents.
    static func openssl(_ workspace: Workspace, pdf: Data) throws -> (status: Int32, output: String)? {
        guard let openssl = Checkers.find("openssl") else { return nil }
        let bytes = [UInt8](pdf)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: "/ByteRange [", options: .backwards) else { return (1, "no ByteRange") }
        let numbers = text[range.upperBound...].prefix { $0 != "]" }.split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 4 else { return (1, "bad ByteRange") }
        let signed = Data(bytes[0..<numbers[1]] + bytes[numbers[2]..<numbers[2] + numbers[3]])
        let hex = bytes[(numbers[1] + 1)..<(numbers[2] - 1)]
        var der = [UInt8]()
        var index = hex.startIndex
        while index < hex.endIndex {
            der.append(UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) ?? 0)
            index += 2
        }
        let length = DERBytes.firstElementLength(der[...]) ?? der.count
        let cms = workspace.directory.appendingPathComponent("signature.der")
        let content = workspace.directory.appendingPathComponent("signed.bin")
        try Data(der[..<length]).write(to: cms)
        try signed.write(to: content)
        let result = try Checkers.run(openssl, ["cms", "-verify", "-binary", "-inform", "DER", "-in", cms.path, "-content", content.path,
                                                "-CAfile", workspace.ca.path, "-out", "/dev/null"])
        return (result.status, result.output + result.errors)
    }

    static func qpdf(_ workspace: Workspace) throws -> (status: Int32, output: String)? {
        guard let qpdf = Checkers.find("qpdf") else { return nil }
        let result = try Checkers.run(qpdf, ["--check", workspace.pdf.path])
        return (result.status, result.output + result.errors)
    }

    /// An offline RFC 3161 authority: `openssl ts -reply` with a throwaway TSA certificate.
    struct OpenSSLTimestampAuthority {
        let directory: URL
        let certificate: URL

        init() throws {
            directory = try Checkers.temporaryDirectory()
            certificate = directory.appendingPathComponent("tsa.pem")
            let key = directory.appendingPathComponent("tsa.key")
            let made = try Checkers.run("/usr/bin/openssl", [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                "-subj", "/CN=Paraphe Test TSA", "-addext", "extendedKeyUsage=critical,timeStamping",
                "-addext", "keyUsage=critical,digitalSignature", "-keyout", key.path, "-out", certificate.path,
            ])
            precondition(made.status == 0, made.errors)
            try "01\n".write(to: directory.appendingPathComponent("serial"), atomically: true, encoding: .utf8)
            try """
            [ tsa ]
            default_tsa = tsa_config
            [ tsa_config ]
            serial = \(directory.path)/serial
            signer_cert = \(certificate.path)
            signer_key = \(key.path)
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            digests = sha256
            accuracy = secs:1
            ess_cert_id_alg = sha256
            ordering = no
            tsa_name = no
            """.write(to: directory.appendingPathComponent("tsa.cnf"), atomically: true, encoding: .utf8)
        }

        var authority: TimestampAuthority {
            let directory = directory
            return TimestampAuthority(name: "openssl-ts") { request in
                let query = directory.appendingPathComponent("query-\(UUID().uuidString).tsq")
                let reply = directory.appendingPathComponent("reply-\(UUID().uuidString).tsr")
                try Data(request).write(to: query)
                let result = try Checkers.run("/usr/bin/openssl", ["ts", "-reply", "-config", directory.appendingPathComponent("tsa.cnf").path,
                                                                   "-queryfile", query.path, "-out", reply.path])
                guard result.status == 0 else { throw TimestampAuthority.Failure(description: result.errors) }
                return [UInt8](try Data(contentsOf: reply))
            }
        }
    }
}
