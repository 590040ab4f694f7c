"""Times the report endpoints through the API (p50 of 20 calls each, after one warm-up) and, as the floor, the same
grouping run as bare SQL by the engine's own client; then the CSV export of every derogation, with the server's RSS
before and after. Prints JSON.
    python3 reports.py URL TOKEN PID sqlite|postgres DB-ARGS..."""
import json, statistics, subprocess, sys, time, urllib.request

url, token, pid, engine, db = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]

def get(path, accept="application/json"):
    request = urllib.request.Request(url + path, headers={"Authorization": f"Bearer {token}", "Accept": accept})
    start = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
    return (time.perf_counter() - start) * 1000, size

def p50(path, runs=20):
    get(path)
    return statistics.median(get(path)[0] for _ in range(runs))

def sql(query):
    command = (["sqlite3", db[0]] if engine == "sqlite" else db) + [query]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000

def rss():
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024

result = {"groups": {}}
floor = "SELECT cc.derogation_category, COUNT(*), COUNT(DISTINCT cc.contract_id) FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id " \
        "WHERE cc.is_derogation = 1 AND c.status <> 'cancelled' GROUP BY 1"
sql(floor)
result["sqlCategoryMs"] = statistics.median(sql(floor) for _ in range(5))
for grouping in ["category", "clause", "alternative", "counterparty", "owner", "month"]:
    result["groups"][grouping] = p50(f"/api/v1/reports/derogations?groupBy={grouping}")
result["filtered"] = p50("/api/v1/reports/derogations?groupBy=counterparty&status=inForce&from=2025-06-01&to=2025-12-31")
result["drillDown"] = p50("/api/v1/reports/derogations/items?alternative=clause4%3Aalt1&status=inForce&limit=100")
# The renewal calendar: the month grids' counts and the first page of the list, as the page asks for them.
result["renewals90"] = p50("/api/v1/reports/renewals?within=90&limit=100")
result["renewals365"] = p50("/api/v1/reports/renewals?within=365&limit=100")
# The contract report: counts, value signed and cycle times per group (the seeded rows carry no audit events or
# approvals, so its stage and turnaround parts read nothing here).
result["contractsByType"] = p50("/api/v1/reports/contracts?groupBy=type")
result["contractsByOwner"] = p50("/api/v1/reports/contracts?groupBy=owner")
# The commitments register: its first page as each tab asks for it, one customer's, and what falls due within a month.
result["obligationsAll"] = p50("/api/v1/reports/obligations?limit=100")
result["obligationsTheirsOpen"] = p50("/api/v1/reports/obligations?owedBy=them&status=open&limit=100")
result["obligationsOneCustomer"] = p50("/api/v1/reports/obligations?counterpartyId=00000000-0000-4000-9000-000000000007&limit=100")
result["obligationsDueSoon"] = p50(f"/api/v1/reports/obligations?status=open&dueBy={time.strftime('%Y-%m-%d', time.gmtime(time.time() + 30 * 86400))}&limit=100")
# The export's peak: the server's RSS sampled while the file streams.
import threading
before, peak, done = rss(), [0.0], threading.Event()
def sample():
    while not done.is_set():
        peak[0] = max(peak[0], rss())
        time.sleep(0.02)
sampler = threading.Thread(target=sample)
sampler.start()
ms, size = get("/api/v1/reports/derogations/items?format=csv", accept="text/csv")
done.set()
sampler.join()
rows = int(subprocess.run((["sqlite3", db[0]] if engine == "sqlite" else db) + [
    "SELECT COUNT(*) FROM contract_clauses cc JOIN contracts c ON c.id = cc.contract_id WHERE cc.is_derogation = 1 AND c.status <> 'cancelled'"],
    check=True, capture_output=True, text=True).stdout.strip())
result.update(csvMs=ms, csvBytes=size, csvRows=rows, rssBeforeMB=before, rssPeakMB=peak[0])
print(json.dumps(result))
