#!/usr/bin/env bash
# Creates in a Pipedrive company the six deal fields Paraphe's default Pipedrive map writes to. Pipedrive keys them
# by a hash; Paraphe finds them by these names, so keep the names as they are. Run it once with an admin's API token:
#   PIPEDRIVE_TOKEN=… PIPEDRIVE_URL=https://your-company.pipedrive.com ./setup.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${PIPEDRIVE_TOKEN:?set PIPEDRIVE_TOKEN to an admin's API token}"
: "${PIPEDRIVE_URL:?set PIPEDRIVE_URL to https://your-company.pipedrive.com}"
python3 -c 'import json,sys; [print(json.dumps(f)) for f in json.load(open("deal-fields.json"))]' | while read -r field; do
  curl -sS -o /dev/null -w "%{http_code} $field\n" -X POST "$PIPEDRIVE_URL/api/v1/dealFields" \
    -H "x-api-token: $PIPEDRIVE_TOKEN" -H 'Content-Type: application/json' --data "$field"
done
