#!/usr/bin/env bash
# Creates in a HubSpot portal what Paraphe's default HubSpot map writes to: a "Paraphe" property group and six deal
# properties, and (Enterprise portals) the "Contrats Paraphe" custom object, whose paraphe_id is unique so Paraphe
# upserts by it. Run it once with the private app's token:  HUBSPOT_TOKEN=pat-… ./setup.sh
# HUBSPOT_API (default https://api.hubapi.com) points it elsewhere, such as paraphe-crm-sandbox.
set -euo pipefail
cd "$(dirname "$0")"
API=${HUBSPOT_API:-https://api.hubapi.com}
: "${HUBSPOT_TOKEN:?set HUBSPOT_TOKEN to the private app's access token}"
call() { curl -sS -o /dev/stderr -w '%{http_code}\n' -X "$1" "$API$2" -H "Authorization: Bearer $HUBSPOT_TOKEN" -H 'Content-Type: application/json' --data @"$3"; }
echo "property group:"; call POST /crm/v3/properties/deals/groups property-group.json
echo "deal properties:"; call POST /crm/v3/properties/deals/batch/create deal-properties.json
echo "custom object (needs an Enterprise portal; without it, remove the p_paraphe_contracts lines from the map):"
call POST /crm/v3/schemas paraphe-contracts-schema.json
