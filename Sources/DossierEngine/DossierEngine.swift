// DossierEngine: see README's architecture section.
