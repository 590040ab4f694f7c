import Foundation
import Logging
import ParapheCore
import ParapheCRM
import ParapheDocuments
import ParapheSignature
import ParapheStore

/// What handlers need from the outside world. Tests replace the clock and the randomness; everything else is real.
public struct AppServices: Sendable {
    public var config: AppConfig
    public var database: Database
    public var blobs: BlobStore
    public var clock: @Sendable () -> Date
    /// Cryptographically secure bytes, for tokens.
    public var randomBytes: @Sendable (Int) -> [UInt8]
    public var pdfText: PDFTextExtractor
    /// The PDF renderer's fonts, read once at start: embedded TrueType, or the standard fonts (reported in /health).
    public var fonts: FontSet
    public var logger: Logger
    /// A name's addresses, for the webhook target check; the delivery then connects to the address checked.
    public var resolveHost: @Sendable (String) -> [String] = WebhookTarget.addresses
    public let credentials = CredentialCache()
    public let secrets = SecretCache()
    public let sealKeys = SealKeys()
    /// Carries an RFC 3161 request to PARAPHE_TSA_URL and returns the answer; set by the server when the URL is.
    public var timestampExchange: (@Sendable ([UInt8]) async throws -> [UInt8])?
    /// Carries the CRM connectors' HTTP calls.
    public var crmTransport: CRMTransport? = CRMHTTPClient.transport
    public let crmSessions = CRMSessions()
    public let secretBox = SecretBox()

    /// The sealer, with the time-stamp authority when one is configured.
    public func sealer() throws -> PDFSealer {
        var timestamps: TimestampAuthority?
        if let url = config.timestampURL, let exchange = timestampExchange { timestamps = TimestampAuthority(name: url, exchange: exchange) }
        return PDFSealer(identity: try sealKeys.identity(config, now: clock()), timestamps: timestamps)
    }

    public init(config: AppConfig, database: Database, clock: @escaping @Sendable () -> Date = { Date() },
                randomBytes: @escaping @Sendable (Int) -> [UInt8] = AppServices.systemRandom,
                pdfText: PDFTextExtractor = .pdftotext(), fonts: FontSet = .load(), logger: Logger) {
        self.config = config
        self.database = database
        self.blobs = BlobStore(engine: database.engine, dataDirectory: config.dataDirectory)
        self.clock = clock
        self.randomBytes = randomBytes
        self.pdfText = pdfText
        self.fonts = fonts
        if !fonts.isEmbedded { logger.warning("PDF fonts: \(fonts.description); install fonts-dejavu-core or set PARAPHE_PDF_FONT_DIR") }
        self.logger = logger
    }

    public static let systemRandom: @Sendable (Int) -> [UInt8] = { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A URL-safe secret of 32 random bytes.
    public func newSecret() -> String {
        Data(randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
