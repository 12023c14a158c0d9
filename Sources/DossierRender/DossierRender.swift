// DossierRender: see README's architecture section.
