import Foundation
import Hummingbird
import Logging
import Metrics
import ParapheCore
import ParapheStore
import Prometheus
import ServiceLifecycle
import ParapheServices

/// Builds the whole server. `paraphe serve`, `paraphe demo` and every test call this same function.
public func buildApplication(_ config: AppConfig, services override: ((inout AppServices) -> Void)? = nil,
                             logger: Logger = Logger(label: "paraphe")) async throws -> some ApplicationProtocol {
    try config.prepareDataDirectory()
    let database = try await Database.open(config.database, logger: logger)
    database.crmPushDelay.withLock { $0 = config.crmPushDelay }
    var configured = AppServices(config: config, database: database, logger: logger)
    if let url = config.timestampURL { configured.timestampExchange = TimestampClient.exchange(url: url) }
    override?(&configured)
    let services = configured
    let router = buildRouter(services)
    var app = Application(router: router, configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Paraphe"),
                          logger: logger)
    app.addServices(database)
    app.beforeServerStarts {
        do {
            try await database.migrate(now: services.clock())
        } catch StoreError.unreachable(let reason) {
            throw ConfigError(setting: database.engine == .postgres ? "DATABASE_URL" : "PARAPHE_DATA_DIR", problem: "cannot open the database: \(reason)")
        } catch let mismatch as MigrationMismatch {
            throw ConfigError(setting: database.engine == .postgres ? "DATABASE_URL" : "PARAPHE_DATA_DIR", problem: "\(mismatch)")
        }
        // The seal is read, or made, at start: a bad PARAPHE_SEAL_KEY stops the server now, not at the first signature.
        let seal = try services.sealKeys.identity(services.config, now: services.clock())
        _ = try services.sealKeys.timestampRoots(services.config)
        logger.info("seal: \(seal.leaf.commonName), issued by \(seal.root.commonName)")
        if !services.pdfText.isAvailable {
            logger.warning("pdftotext is not installed: imported PDFs will be stored but their text will not be searchable")
        }
    }
    if config.runJobWorker {
        app.addServices(JobWorker.paraphe(services))
    }
    return app
}

func buildRouter(_ services: AppServices) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware(maxBodyBytes: services.config.maxBodyBytes))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: AuthenticationMiddleware(services: services))
    router.add(middleware: WebErrorMiddleware(maxBodyBytes: services.config.maxBodyBytes))
    let api = router.group("api/v1")
    AuthRoutes(services: services).register(public: api, api: api)
    UserRoutes(services: services).register(api)
    CounterpartyRoutes(services: services).register(api)
    ContractTypeRoutes(services: services).register(api)
    ClauseRoutes(services: services).register(api)
    TemplateRoutes(services: services).register(api)
    ApprovalPolicyRoutes(services: services).register(api)
    ReportRoutes(services: services).register(api)
    RenewalRoutes(services: services).register(api)
    ObligationRoutes(services: services).register(api)
    SavedViewRoutes(services: services).register(api)
    SignatureAuthorityRoutes(services: services).register(api)
    ApprovalRoutes(services: services).register(api)
    SupplierRoutes(services: services).register(api)
    NotificationRoutes(services: services).register(api)
    AdminLogRoutes(services: services).register(api)
    WebhookRoutes(services: services).register(api)
    IntegrationRoutes(services: services).register(api)
    CRMHookRoutes(services: services).register(router)
    ContractRoutes(services: services).register(api)
    SignatureRoutes(services: services).register(api)
    DocumentRoutes(services: services).register(api)
    OperationsRoutes(services: services, metrics: Telemetry.registry).register(router, api: api)
    WorkspaceRoutes(services: services).register(api)
    SigningRoutes(services: services).register(router)
    VerifyRoutes(services: services).register(router)
    WebRoutes(services: services).register(router)
    TemplateWebRoutes(web: WebRoutes(services: services)).register(router)
    WizardWebRoutes(web: WebRoutes(services: services)).register(router)
    ApprovalWebRoutes(web: WebRoutes(services: services)).register(router)
    PolicyWebRoutes(web: WebRoutes(services: services)).register(router)
    SupplierWebRoutes(web: WebRoutes(services: services)).register(router)
    SignatureWebRoutes(web: WebRoutes(services: services)).register(router)
    IntegrationWebRoutes(web: WebRoutes(services: services)).register(router)
    AccountWebRoutes(web: WebRoutes(services: services)).register(router)
    ReportWebRoutes(web: WebRoutes(services: services)).register(router)
    ObligationWebRoutes(web: WebRoutes(services: services)).register(router)
    SavedViewWebRoutes(web: WebRoutes(services: services)).register(router)
    DashboardWebRoutes(web: WebRoutes(services: services)).register(router)
    Assets.register(router)
    return router
}

extension JobWorker {
    /// The worker the server runs, with every job kind, the hourly housekeeping and reminders and the daily audit
    /// checkpoint. Tests drive it with `scheduleRecurring()` and `runNext()`.
    public static func paraphe(_ services: AppServices) -> JobWorker {
        JobWorker(database: services.database, handlers: [
            .on(Housekeeping.self) { _, _ in try await services.database.housekeeping(now: services.clock()) },
            .on(RenewalRollJob.self) { _, _ in try await RenewalWorkflow(services: services).roll() },
            .on(RenewalAlertScan.self) { _, _ in try await RenewalWorkflow(services: services).scanAlerts() },
            .on(RenewalAlertJob.self) { alert, _ in try await RenewalWorkflow(services: services).sendAlert(alert) },
            .on(ObligationReminders.self) { _, _ in try await ObligationWorkflow(services: services).remind() },
            .on(ApprovalReminders.self) { _, _ in try await ApprovalWorkflow(services: services).remind(after: services.config.approvalReminderDays) },
            .on(AuditCheckpoint.self) { _, _ in try await AuditCheckpoints(services: services).write() },
            .on(MailJob.self) { mail, _ in try await MailDelivery(services: services).deliver(mail) },
            .on(WebhookJob.self) { delivery, job in try await WebhookSender(services: services).deliver(delivery, job: job) },
            .on(SealRequest.self) { request, _ in try await SealingWorkflow(services: services).seal(request) },
            .on(SignatureReminders.self) { _, _ in try await SignatureWorkflow(services: services).remind() },
            .on(CRMPushJob.self) { push, _ in try await CRMPush(services: services).run(push.integrationId) },
            .on(CRMAutoSendJob.self) { send, _ in try await CRMAutoSend(services: services).run(send.contractId) },
            .on(CRMPollJob.self) { poll, _ in try await CRMPoll(services: services).run(poll.integrationId, recordIds: poll.recordIds) },
            .on(CRMPollAll.self) { _, _ in try await CRMPoll(services: services).pollAll() },
        ], clock: services.clock, lease: services.config.jobLease,
        periodic: [(Housekeeping.kind, 3600), (ApprovalReminders.kind, 3600), (AuditCheckpoint.kind, 86400), (SignatureReminders.kind, 3600),
                   (RenewalRollJob.kind, 3600), (RenewalAlertScan.kind, 3600), (ObligationReminders.kind, 3600),
                   (CRMPollAll.kind, services.config.crmPollInterval)],
        logger: services.logger)
    }
}

/// The process-wide metrics registry. swift-metrics allows one bootstrap per process, and tests build many apps.
enum Telemetry {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
