-- outbound webhooks and their delivery log

CREATE TABLE webhooks (
  id TEXT PRIMARY KEY, url TEXT NOT NULL, events TEXT NOT NULL, secret TEXT NOT NULL, allow_private BIGINT NOT NULL, active BIGINT NOT NULL,
  created_by TEXT REFERENCES users(id), created_at TEXT NOT NULL);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY, webhook_id TEXT NOT NULL REFERENCES webhooks(id), event_type TEXT NOT NULL, payload TEXT NOT NULL,
  status TEXT NOT NULL, attempts BIGINT NOT NULL, response_status BIGINT, last_error TEXT, created_at TEXT NOT NULL, delivered_at TEXT);

CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
