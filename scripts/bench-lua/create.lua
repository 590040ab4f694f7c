-- POST /api/v1/contracts with varied titles, so that search has something to find.
local words = {"résiliation", "confidentialité", "hébergement", "maintenance", "licence", "abonnement", "prestation",
  "logiciel", "formation", "assistance", "données", "sécurité", "réversibilité", "pénalités", "garantie", "audit"}
local customers = {"Boulangeries Martin", "Éditions Lumière", "Nuage Hébergement", "Atelier Réseau", "Transports Durand",
  "Clinique Saint-Roch", "Mairie de Villeneuve", "Coopérative Agricole", "Banque Populaire", "Studio Graphique"}
local token = os.getenv("PARAPHE_TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  local title = string.format("Contrat %s %s — %s %d", words[math.random(#words)], words[math.random(#words)],
    customers[math.random(#customers)], counter)
  local body = string.format('{"title":"%s","type":"msa","amount":{"amount":"%d.00","currency":"EUR"},"startDate":"2026-01-31","endDate":"2027-01-30","renewal":{"mode":"tacit","period":"P12M","notice":"P3M"},"metadata":{"crmStage":"Contracting"}}',
    title, math.random(1000, 200000))
  return wrk.format("POST", "/api/v1/contracts", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
