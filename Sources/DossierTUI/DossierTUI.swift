// DossierTUI: see README's architecture section.
