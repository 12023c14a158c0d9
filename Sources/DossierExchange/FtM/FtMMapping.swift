import DossierModel

/// How Dossier's kinds and FtM's schemata correspond.
enum FtMMapping {
    static let entitySchemata: [String: EntityKind] = [
        "Person": .person, "Organization": .organization, "Company": .company, "LegalEntity": "legal-entity",
        "PublicBody": "public-body", "Address": .address, "BankAccount": .bankAccount, "CryptoWallet": .cryptoWallet,
        "Vehicle": .vehicle, "Vessel": .vessel, "Airplane": .airplane, "UserAccount": .userAccount,
        "Passport": "passport", "Identification": "identification",
    ]
    static let schemaForKind: [EntityKind: String] = {
        var m: [EntityKind: String] = [:]
        for (s, k) in entitySchemata { m[k] = s }
        m[.location] = "Address"
        return m
    }()

    /// Properties that carry identifiers, per schema.
    static let identifierProperties: [String: [(String, IdentifierScheme)]] = [
        "BankAccount": [("iban", .iban), ("accountNumber", .account)],
        "CryptoWallet": [("publicKey", .wallet)],
        "UserAccount": [("username", .username)],
        "Passport": [("passportNumber", .passport)],
        "Identification": [("number", .nationalID)],
        "Vessel": [("imoNumber", .imo)],
        "Vehicle": [("registrationNumber", .plate)],
        "Person": [("passportNumber", .passport)],
    ]

    static let linkSchemata: [String: LinkType] = [
        "Ownership": .owns, "Directorship": .directorOf, "Membership": .memberOf, "Employment": .employedBy,
        "Payment": .paid, "Debt": .owes, "Representation": .represents, "Family": .family, "Associate": .associate,
        "UnknownLink": .related,
    ]

    /// The FtM types whose values are plain text Dossier keeps as attributes.
    static let plainTypes: Set<String> = ["string", "text", "name", "date", "number", "country", "url", "language",
                                          "address", "gender", "identifier", "checksum", "mimetype", "html", "topic", "ip"]
}
