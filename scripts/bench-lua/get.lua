local token = os.getenv("PARAPHE_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
