-- GET /api/v1/contracts?q=… over words the create script uses, accents left out as users type them.
local queries = {"resiliation", "confidentialite", "hebergement lumiere", "maintenance", "licence martin", "abonnement",
  "securite durand", "reversibilite", "penalites", "garantie", "audit villeneuve", "donnees", "formation graphique"}
local token = os.getenv("PARAPHE_TOKEN")
request = function()
  local q = queries[math.random(#queries)]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/v1/contracts?limit=20&q=" .. q, {["Authorization"] = "Bearer " .. token})
end
