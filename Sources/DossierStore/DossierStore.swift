// DossierStore: see README's architecture section.
