import Foundation
import ParapheDocuments
@testable import ParapheSignature
import Testing
import X509

/// The seal, checked by tools that are not ours: pdfsig, pyHanko, openssl and qpdf accept it, and every one of them,
/// and our own verifier, catches a single flipped byte.
@Suite(.serialized) struct SealTests {
    static let identity = try! SealIdentity.generate(organisation: "Acme SAS", now: Date())
    static let contract = PDFRenderer(fonts: FontSet.load()).render(SampleContract.french())
    let signedAt = Date(timeIntervalSince1970: 1_796_000_000)

    func seal(_ identity: SealIdentity = SealTests.identity, timestamps: TimestampAuthority? = nil) async throws -> PDFSealer.Sealed {
        try await PDFSealer(identity: identity, timestamps: timestamps).seal(Self.contract, signedAt: signedAt, reason: "Contrat signé") { note in
            let status = switch note {
            case .notConfigured: "notConfigured"
            case .requested: "requested"
            case .failed: "failed"
            }
            return Data(#"{"contract":"CTR-2026-000001","timestamp":{"status":"\#(status)"}}"#.utf8)
        }
    }

    @Test func aSealValidatesWithEveryIndependentChecker() async throws {
        let sealed = try await seal()
        #expect(sealed.timestamp == .notConfigured)
        let workspace = try SealCheckers.workspace(pdf: sealed.pdf, identity: Self.identity)
        if let report = try SealCheckers.pdfsig(workspace) {
            #expect(report.contains("Signature is Valid"), "\(report)")
            #expect(report.contains("Total document signed"), "\(report)")
            #expect(report.contains("Certificate is Trusted"), "\(report)")
            #expect(report.contains("ETSI.CAdES.detached"), "\(report)")
        }
        if let pyhanko = try SealCheckers.pyhanko(workspace) {
            #expect(pyhanko.status == 0, "\(pyhanko.output)")
            #expect(pyhanko.output.contains("intact True valid True trusted True"), "\(pyhanko.output)")
            #expect(pyhanko.output.contains("coverage ENTIRE_FILE"), "\(pyhanko.output)")
            #expect(pyhanko.output.contains("pades B-B"), "\(pyhanko.output)")
        }
        if let openssl = try SealCheckers.openssl(workspace, pdf: sealed.pdf) {
            #expect(openssl.status == 0, "\(openssl.output)")
            #expect(openssl.output.contains("Verification successful"), "\(openssl.output)")
        }
        if let qpdf = try SealCheckers.qpdf(workspace) {
            #expect(qpdf.status == 0, "\(qpdf.output)")
        }
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf)
        #expect(verification.outcome == .valid, "\(verification)")
        #expect(verification.level == .baselineB)
        #expect(verification.signer == "Acme SAS – cachet électronique")
        #expect(String(decoding: try #require(verification.evidence), as: UTF8.self).contains("CTR-2026-000001"))
    }

    @Test func pagesAppendedToTheSignedVersionKeepItsBytesAndSealCleanly() async throws {
        let appendix = DocumentModel(
            language: .fr, title: "Page de signature",
            signature: SignaturePage(closing: "Signé électroniquement.", signatories: [
                Signatory(party: "Acme SAS", name: "Jeanne Dupont", capacity: "Directrice",
                          mark: .drawn(strokes: [[SignaturePoint(x: 0, y: 0), SignaturePoint(x: 40, y: 30), SignaturePoint(x: 80, y: 5)]]),
                          signedOn: "Signé le 5 décembre 2026"),
                Signatory(party: "Globex SA", name: "Marc Martin", capacity: "Gérant", mark: .typed("Marc Martin")),
            ]),
            annexes: [Annex(title: "Preuve de signature", blocks: [.paragraph([Run("Empreinte SHA-256 de la version signée")])])])
        let combined = try PDFRenderer(fonts: FontSet.load()).append(appendix, to: Self.contract)
        #expect(combined.prefix(Self.contract.count) == Self.contract)
        let sealed = try await PDFSealer(identity: Self.identity).seal(combined, signedAt: signedAt, reason: "Contrat signé") { _ in Data("{}".utf8) }
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf).outcome == .valid)
        let workspace = try SealCheckers.workspace(pdf: sealed.pdf, identity: Self.identity)
        if let qpdf = try SealCheckers.qpdf(workspace) { #expect(qpdf.status == 0, "\(qpdf.output)") }
        if let pdftotext = Checkers.find("pdftotext") {
            let text = try Checkers.run(pdftotext, ["-layout", workspace.pdf.path, "-"]).output
            #expect(text.contains("Preuve de signature"))
            #expect(text.contains("Jeanne Dupont"))
            #expect(text.contains("Signé le 5 décembre 2026"))
            #expect(text.contains(String(SampleContract.french().title.prefix(20))))
        }
        if let report = try SealCheckers.pdfsig(workspace) {
            #expect(report.contains("Signature is Valid") && report.contains("Total document signed"), "\(report)")
        }
        if let pdfinfo = Checkers.find("pdfinfo") {
            let originalURL = workspace.directory.appendingPathComponent("original.pdf")
            try Self.contract.write(to: originalURL)
            func pages(_ url: URL) throws -> Int? {
                try Checkers.run(pdfinfo, [url.path]).output.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                    .flatMap { Int($0.split(separator: " ").last ?? "") }
            }
            #expect(try pages(workspace.pdf) == (try pages(originalURL)).map { $0 + 2 }, "a signature page and an annex")
        }
    }

    @Test func theLongestTypedSignatureIsPrintedWhole() throws {
        let typed = "Marie-Charlotte Delacroix-Vandenberghe, directrice générale déléguée, par délégation du président"
        #expect(typed.count <= 100)
        let page = DocumentModel(language: .fr, title: "Page de signature", signature: SignaturePage(closing: "Signé.", signatories: [
            Signatory(party: "Acme SAS", name: "M.-C. Delacroix", mark: .typed(typed)), Signatory(party: "Globex SA", name: "X", mark: .typed("X Y")),
        ]))
        let workspace = try Checkers.temporaryDirectory()
        let path = workspace.appendingPathComponent("page.pdf")
        try PDFRenderer(fonts: FontSet.load()).render(page).write(to: path)
        guard let pdftotext = Checkers.find("pdftotext") else { return }
        let text = Checkers.collapsed(try Checkers.run(pdftotext, [path.path, "-"]).output)
        for word in typed.split(separator: " ") { #expect(text.contains(word), "\(word)") }
    }

    @Test(arguments: [0.05, 0.5, 0.97])
    func oneFlippedByteIsCaughtByEveryChecker(position: Double) async throws {
        var bytes = [UInt8](try await seal().pdf)
        let contents = try #require(PDFBytes.lastRange(of: "/Contents <", in: bytes[...])).upperBound
        var index = Int(Double(bytes.count) * position)
        // Stay out of the /Contents hole, the one range a signature cannot cover.
        if index > contents - 10, index < contents + 2 * PDFSealer.contentsCapacity + 20 { index = contents - 200 }
        bytes[index] ^= 0x01
        let tampered = Data(bytes)
        let workspace = try SealCheckers.workspace(pdf: tampered, identity: Self.identity)
        if let report = try SealCheckers.pdfsig(workspace) {
            #expect(!report.contains("Signature is Valid"), "\(report)")
        }
        if let pyhanko = try SealCheckers.pyhanko(workspace) {
            #expect(!pyhanko.output.contains("intact True valid True"), "\(pyhanko.output)")
        }
        if let openssl = try SealCheckers.openssl(workspace, pdf: tampered) {
            #expect(openssl.status != 0, "\(openssl.output)")
        }
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(tampered).outcome == .modified)
    }

    @Test func aTimestampMakesItBaselineT() async throws {
        let tsa = try SealCheckers.OpenSSLTimestampAuthority()
        let sealed = try await seal(timestamps: tsa.authority)
        #expect(sealed.timestamp == .requested(authority: "openssl-ts"))
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf)
        #expect(verification.outcome == .valid, "\(verification)")
        #expect(verification.level == .baselineT)
        #expect(verification.timestampAuthority == "Paraphe Test TSA")
        let stamped = try #require(verification.timestamp)
        #expect(abs(stamped.timeIntervalSinceNow) < 600, "the authority's clock, not the seal's claimed time")
        let workspace = try SealCheckers.workspace(pdf: sealed.pdf, identity: Self.identity)
        if let pyhanko = try SealCheckers.pyhanko(workspace, alsoTrust: [tsa.certificate]) {
            #expect(pyhanko.status == 0, "\(pyhanko.output)")
            #expect(pyhanko.output.contains("intact True valid True trusted True"), "\(pyhanko.output)")
            #expect(pyhanko.output.contains("timestamp True"), "\(pyhanko.output)")
            #expect(pyhanko.output.contains("pades B-T"), "\(pyhanko.output)")
        }
        if let report = try SealCheckers.pdfsig(workspace) {
            #expect(report.contains("Signature is Valid"), "\(report)")
        }
    }

    /// The token sits outside the signed bytes: changed, removed or added, the evidence (inside them) gives it away.
    @Test func aTimeStampIsCheckedNotJustRead() async throws {
        let tsa = try SealCheckers.OpenSSLTimestampAuthority()
        let authority = try Certificate(pemEncoded: String(contentsOf: tsa.certificate, encoding: .utf8))
        let sealed = try await seal(timestamps: tsa.authority).pdf
        #expect(SealVerifier(trustedRoots: [Self.identity.root], timestampRoots: [authority]).verify(sealed).timestampTrusted == true)
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed).timestampTrusted == false, "an authority nobody said to trust")
        // the token's time, changed in the /Contents hole: its signature no longer holds
        var bytes = [UInt8](sealed)
        let year = Array("3230323" .utf8)
        let contents = try #require(PDFBytes.lastRange(of: "/Contents <", in: bytes[...]))
        let hole = bytes[contents.upperBound...].prefix(2 * PDFSealer.contentsCapacity)
        var found: Int?
        var index = hole.startIndex
        while index < hole.endIndex - year.count {
            if hole[index..<index + year.count].elementsEqual(year) { found = index }
            index += 2
        }
        let position = try #require(found, "the token's GeneralizedTime")
        bytes[position + 7] = bytes[position + 7] == UInt8(ascii: "5") ? UInt8(ascii: "4") : UInt8(ascii: "5")
        let forged = SealVerifier(trustedRoots: [Self.identity.root]).verify(Data(bytes))
        #expect(forged.outcome == .modified && forged.reason == "timestamp", "\(forged)")

        // evidence that asked for a token, and none in the file; evidence that did not, and one in the file
        let requested = Data(#"{"timestamp":{"status":"requested"}}"#.utf8)
        let removed = try await PDFSealer(identity: Self.identity).seal(Self.contract, signedAt: signedAt, reason: "r") { _ in requested }.pdf
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(removed).reason == "timestamp_removed")
        let none = Data(#"{"timestamp":{"status":"notConfigured"}}"#.utf8)
        let added = try await PDFSealer(identity: Self.identity, timestamps: tsa.authority).seal(Self.contract, signedAt: signedAt, reason: "r") { _ in none }.pdf
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(added).reason == "timestamp_added")
    }

    /// With a corporate CA, any certificate it issued chains to the same root: only the pinned seal is ours, and a
    /// certificate that is not a CA cannot issue one.
    @Test func onlyThePinnedSealAndRealCAsAreTrusted() async throws {
        let directory = try Checkers.temporaryDirectory()
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        func run(_ arguments: [String]) throws {
            let result = try Checkers.run("/usr/bin/openssl", arguments)
            try #require(result.status == 0, "\(arguments): \(result.errors)")
        }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run(["req", "-x509"] + ec + ["-days", "30", "-subj", "/CN=Corporate CA", "-addext", "basicConstraints=critical,CA:TRUE",
                                        "-addext", "keyUsage=critical,keyCertSign", "-keyout", path("ca.key"), "-out", path("ca.pem")])
        for (name, extensions) in [("seal", "keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=critical,CA:FALSE"),
                                   ("employee", "keyUsage=critical,digitalSignature,nonRepudiation,keyCertSign\nbasicConstraints=critical,CA:FALSE")] {
            try extensions.replacingOccurrences(of: "\\n", with: "\n").write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
            try run(["req"] + ec + ["-subj", "/CN=\(name)", "-keyout", path("\(name).key"), "-out", path("\(name).csr")])
            try run(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-days", "30",
                     "-extfile", path("\(name).ext"), "-out", path("\(name).pem")])
        }
        // a certificate issued by the employee's, which is no CA
        try "keyUsage=critical,digitalSignature".write(toFile: path("sub.ext"), atomically: true, encoding: .utf8)
        try run(["req"] + ec + ["-subj", "/CN=sub", "-keyout", path("sub.key"), "-out", path("sub.csr")])
        try run(["x509", "-req", "-in", path("sub.csr"), "-CA", path("employee.pem"), "-CAkey", path("employee.key"), "-days", "30",
                 "-extfile", path("sub.ext"), "-out", path("sub.pem")])
        func identity(_ name: String, chain: [String]) throws -> SealIdentity {
            try SealIdentity(keyPEM: String(contentsOfFile: path("\(name).key"), encoding: .utf8),
                             chainPEM: try chain.map { try String(contentsOfFile: path($0), encoding: .utf8) }.joined())
        }
        let ours = try identity("seal", chain: ["seal.pem", "ca.pem"])
        let employee = try identity("employee", chain: ["employee.pem", "ca.pem"])
        let sub = try identity("sub", chain: ["sub.pem", "employee.pem", "ca.pem"])
        let verifier = SealVerifier(trustedRoots: [ours.root], pinnedSeals: [ours.leaf])
        #expect(verifier.verify(try await seal(ours).pdf).outcome == .valid)
        #expect(verifier.verify(try await seal(employee).pdf).outcome == .unknownSigner, "same CA, not our seal")
        #expect(SealVerifier(trustedRoots: [ours.root]).verify(try await seal(employee).pdf).outcome == .valid, "unpinned, the CA decides")
        #expect(SealVerifier(trustedRoots: [ours.root]).verify(try await seal(sub).pdf).outcome == .unknownSigner, "issued by a non-CA")
    }

    @Test func aFailingAuthorityLeavesAnHonestBaselineB() async throws {
        let down = TimestampAuthority(name: "https://tsa.invalid") { _ in throw URLError(.cannotConnectToHost) }
        let sealed = try await seal(timestamps: down)
        guard case .failed(let authority, let reason) = sealed.timestamp else {
            Issue.record("expected a failed time-stamp, got \(sealed.timestamp)")
            return
        }
        #expect(authority == "https://tsa.invalid")
        #expect(reason.contains("did not answer"))
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf)
        #expect(verification.outcome == .valid)
        #expect(verification.level == .baselineB)
        #expect(verification.timestamp == nil)
        #expect(String(decoding: try #require(verification.evidence), as: UTF8.self).contains(#""status":"failed""#))
    }

    @Test func aTokenOverAnotherDigestIsRefused() async throws {
        let tsa = try SealCheckers.OpenSSLTimestampAuthority()
        let honest = tsa.authority
        // An authority that answers a different question: its token would not cover this signature.
        let confused = TimestampAuthority(name: "confused") { request in
            var other = request
            other[other.count - 10] ^= 0xFF
            return try await honest.exchange(other)
        }
        let sealed = try await seal(timestamps: confused)
        guard case .failed = sealed.timestamp else {
            Issue.record("a token over another digest was embedded")
            return
        }
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf).level == .baselineB)
    }

    @Test func anotherOrganisationsSealIsAnUnknownSigner() async throws {
        let stranger = try SealIdentity.generate(organisation: "Mallory SARL", now: Date())
        let sealed = try await seal(stranger)
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(sealed.pdf)
        #expect(verification.outcome == .unknownSigner)
        #expect(verification.outcome.exitCode == 3)
    }

    @Test func aPlainPDFIsNotSealed() {
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(Self.contract)
        #expect(verification.outcome == .notSealed)
        #expect(verification.outcome.exitCode == 4)
        #expect(SealVerifier(trustedRoots: [Self.identity.root]).verify(Data("not a pdf".utf8)).outcome == .notSealed)
    }

    @Test func bytesAppendedAfterTheSealAreAModification() async throws {
        var pdf = try await seal().pdf
        pdf.append(Data("\n% a later revision\n".utf8))
        let verification = SealVerifier(trustedRoots: [Self.identity.root]).verify(pdf)
        #expect(verification.outcome == .modified)
        #expect(verification.reason == "changed_after_sealing")
    }

    @Test func anRSA3072SealFromPEMFilesValidates() async throws {
        let directory = try Checkers.temporaryDirectory()
        let key = directory.appendingPathComponent("seal.key"), certificate = directory.appendingPathComponent("seal.pem")
        let made = try Checkers.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30", "-subj", "/O=Acme SAS/CN=Acme RSA seal",
            "-addext", "keyUsage=critical,digitalSignature,nonRepudiation", "-keyout", key.path, "-out", certificate.path,
        ])
        try #require(made.status == 0, "\(made.errors)")
        let identity = try SealIdentity(keyPEM: String(contentsOf: key, encoding: .utf8), chainPEM: String(contentsOf: certificate, encoding: .utf8))
        let sealed = try await seal(identity)
        #expect(SealVerifier(trustedRoots: [identity.root]).verify(sealed.pdf).outcome == .valid)
        let workspace = try SealCheckers.workspace(pdf: sealed.pdf, identity: identity)
        if let openssl = try SealCheckers.openssl(workspace, pdf: sealed.pdf) {
            #expect(openssl.status == 0, "\(openssl.output)")
        }
        if let report = try SealCheckers.pdfsig(workspace) {
            #expect(report.contains("Signature is Valid"), "\(report)")
        }
    }

    @Test func aWeakOrMismatchedKeyIsRefusedWithAReason() throws {
        let directory = try Checkers.temporaryDirectory()
        let key = directory.appendingPathComponent("weak.key"), certificate = directory.appendingPathComponent("weak.pem")
        _ = try Checkers.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=weak",
                                                  "-keyout", key.path, "-out", certificate.path])
        #expect(throws: SealIdentity.LoadError.unsupportedKey("RSA-2048")) {
            try SealIdentity(keyPEM: String(contentsOf: key, encoding: .utf8), chainPEM: String(contentsOf: certificate, encoding: .utf8))
        }
        let ours = try Self.identity.keyPEM
        #expect(throws: SealIdentity.LoadError.keyDoesNotMatchCertificate) {
            try SealIdentity(keyPEM: ours, chainPEM: String(contentsOf: certificate, encoding: .utf8))
        }
        #expect(throws: SealIdentity.LoadError.emptyChain) { try SealIdentity(keyPEM: ours, chainPEM: "") }
    }

    /// Serial numbers are random: eight identities cover both values of the top bit many times over, and NSS refuses
    /// a serial of 21 octets while OpenSSL accepts it, so pdfsig is the check.
    @Test func everyGeneratedSealValidatesInNSS() async throws {
        for _ in 0..<8 {
            let identity = try SealIdentity.generate(organisation: "Acme SAS", now: Date())
            #expect(identity.chain.allSatisfy { $0.serialNumber.bytes.count <= 20 && $0.serialNumber.bytes.first! < 0x80 })
            let workspace = try SealCheckers.workspace(pdf: try await seal(identity).pdf, identity: identity)
            if let report = try SealCheckers.pdfsig(workspace) {
                #expect(report.contains("Signature is Valid") && report.contains("Certificate is Trusted"), "\(report)")
            }
        }
    }

    @Test func aGeneratedIdentityRoundTripsThroughPEM() throws {
        let again = try SealIdentity(keyPEM: Self.identity.keyPEM, chainPEM: Self.identity.chainPEM)
        #expect(again.chain == Self.identity.chain)
        #expect(try again.leaf.extensions.keyUsage?.nonRepudiation == true)
        #expect(try again.root.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
    }
}
