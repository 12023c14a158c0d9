// DossierExchange: see README's architecture section.
