"""Prints the SQL that fills a migrated Paraphe database with N contracts (10 clause instances each, one in five a
derogation; three commitments each), 1,000 customers and 20 sales reps, for the report benchmarks. Rows are written straight into the tables,
as a long-lived workspace would hold them; the benchmark then reads them through the API.
    python3 seed.py sqlite|postgres N"""
import sys

engine, n = sys.argv[1], int(sys.argv[2])
if engine == "sqlite":
    series = f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {{n}}) "
    pad = lambda e, w: f"printf('%0{w}d', {e})"
    day = lambda e: f"strftime('%Y-%m-%dT10:00:00Z', '2025-01-01', '+' || ({e}) || ' days')"
    date = lambda e: f"date('2025-01-01', '+' || ({e}) || ' days')"
    shift = lambda d, n, unit: f"date({d}, '{n:+d} {unit}')"
    today = "date('now')"
    def insert(table, cols, select, count):
        return f"INSERT INTO {table} ({cols}) {series.format(n=count)}{select};"
else:
    pad = lambda e, w: f"lpad(({e})::text, {w}, '0')"
    day = lambda e: f"to_char(timestamp '2025-01-01 10:00' + ({e}) * interval '1 day', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    date = lambda e: f"to_char(date '2025-01-01' + ({e})::int, 'YYYY-MM-DD')"
    shift = lambda d, n, unit: f"to_char(({d})::date + interval '{n} {unit}', 'YYYY-MM-DD')"
    today = "to_char(current_date, 'YYYY-MM-DD')"
    def insert(table, cols, select, count):
        return f"INSERT INTO {table} ({cols}) {select.replace('FROM s', f'FROM generate_series(1, {count}) AS s(i)')};"

statuses = ["draft", "inReview", "approved", "negotiating", "signing", "signed", "active", "active", "active", "renewed", "expired",
            "terminated", "cancelled"]
# Ids are UUIDs, as Paraphe writes them: one family per table.
uuid = lambda family, e: f"'00000000-0000-4000-{family}-' || {pad(e, 12)}"
status_case = "CASE (i % 13) " + " ".join(f"WHEN {k} THEN '{s}'" for k, s in enumerate(statuses)) + " END"
categories = ["payment", "liability", "publicity", "confidentiality", "termination"]
print("BEGIN;")
print(insert("users", "id, email, name, roles, language, password_hash, active, created_at",
             f"SELECT {uuid('a000', 'i')}, 'rep' || i || '@bench.test', 'Commercial ' || i, 'sales', 'fr', 'x', 1, '2025-01-01T00:00:00Z' FROM s", 20))
print(insert("counterparties", "id, name, kind, crm_refs, created_at, updated_at",
             f"SELECT {uuid('9000', 'i')}, 'Client ' || {pad('i', 5)}, 'customer', '{{}}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM s", 1000))
# Renewal terms: eight in ten tacit (12 months, 3 months' notice), one in ten explicit (1 month), one in ten none; the stored
# renewal columns as Paraphe keeps them for today (renewals already passed recorded as rolled), so the hourly roll
# finds nothing to do when the server starts.
end = date('i % 730 + 365')
# Contracts that end without a tacit renewal end after today: a long-lived workspace has expired the others already.
fixed_end = date('i % 730 + 730')
anchor = shift(end, 1, "days")
fixed_anchor = shift(fixed_end, 1, "days")
upcoming = f"CASE WHEN {anchor} > {today} THEN {anchor} ELSE {shift(anchor, 1, 'years')} END"
mode = "CASE WHEN i % 10 = 0 THEN 'none' WHEN i % 10 = 1 THEN 'explicit' ELSE 'tacit' END"
# Executed contracts were signed 1 to 60 days after they were created.
executed = "(i % 13) BETWEEN 5 AND 11"
print(insert("contracts", "id, reference, title, type, counterparty_id, owner_id, status, amount, currency, start_date, end_date, renewal_mode, "
             "renewal_period, renewal_notice, next_renewal_date, notice_deadline, ends_on, rolled_term_end, signed_at, metadata, origin, priority, created_at, updated_at, search_key",
             f"SELECT {uuid('8000', 'i')}, 'CTR-2025-' || {pad('i', 6)}, 'Contrat ' || i, 'msa', {uuid('9000', '1 + i % 1000')}, "
             f"{uuid('a000', '1 + i % 20')}, {status_case}, (10000 + i % 90000) || '.00', 'EUR', {date('i % 730')}, "
             f"CASE WHEN i % 10 < 2 THEN {fixed_end} ELSE {end} END, {mode}, "
             f"CASE WHEN i % 10 = 0 THEN NULL ELSE 'P12M' END, CASE WHEN i % 10 = 0 THEN NULL WHEN i % 10 = 1 THEN 'P1M' ELSE 'P3M' END, "
             f"CASE WHEN i % 10 > 1 THEN {upcoming} END, "
             f"CASE WHEN i % 10 = 1 THEN {shift(fixed_anchor, -1, 'months')} WHEN i % 10 > 1 THEN {shift(upcoming, -3, 'months')} END, "
             f"CASE WHEN i % 10 < 2 THEN {fixed_end} END, CASE WHEN i % 10 > 1 AND {anchor} <= {today} THEN {shift(upcoming, -1, 'days')} END, "
             f"CASE WHEN {executed} THEN {day('i % 730 + 1 + i % 60')} END, "
             f"'{{}}', 'template', 0, {day('i % 730')}, {day('i % 730')}, 1000000 + i FROM s", n))
# Ten articles per contract; every fifth instance a derogation, its alternative and category cycling.
print(insert("contract_clauses", "contract_id, position, node_id, number, clause_key, clause_version, title, variant, is_derogation, "
             "derogation_category, requires_approval_by, text, text_hash",
             f"SELECT {uuid('8000', '1 + (i - 1) / 10')}, (i - 1) % 10, 'n' || ((i - 1) % 10), '' || (1 + (i - 1) % 10), 'clause' || ((i - 1) % 10), 1, "
             f"'Article ' || ((i - 1) % 10), CASE WHEN i % 5 = 0 THEN 'alt' || (i % 3) ELSE 'standard' END, CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END, "
             f"CASE WHEN i % 5 = 0 THEN (CASE (i / 5) % 5 " + " ".join(f"WHEN {k} THEN '{c}'" for k, c in enumerate(categories)) + " END) END, "
             f"'', 'Texte de l''article.', 'h' FROM s", n * 10))
# Three commitments per contract, as the clauses chosen would declare them: a standing one we owe (not citing the
# customer), a monthly review we owe, due over the coming year, and one the customer owes, dated over two years.
due = lambda e: date(e)
obligation_kinds = [
    ("us", "sales", "'Ne jamais citer le client publiquement'", "NULL", "NULL"),
    ("us", "legal", "'Revue mensuelle de la disponibilité'", due("730 + i % 365"), "'P1M'"),
    ("them", "finance", "'Payer les factures à 60 jours'", due("i % 730 + 30"), "NULL"),
]
for k, (owed, role, wording, due_on, every) in enumerate(obligation_kinds):
    print(insert("obligations", "id, contract_id, origin, source, clause_key, wording, owed_by, owner_role, due_on, every, status, due_key, created_at, updated_at",
                 f"SELECT {uuid('b00' + str(k), 'i')}, {uuid('8000', 'i')}, 'clause', 'clause{k}:standard#0', 'clause{k}', {wording}, '{owed}', '{role}', "
                 f"{due_on}, {every}, CASE WHEN i % 7 = 0 THEN 'met' ELSE 'open' END, COALESCE({due_on}, '9999-12-31'), {day('i % 730')}, {day('i % 730')} FROM s", n))
print("COMMIT;")
