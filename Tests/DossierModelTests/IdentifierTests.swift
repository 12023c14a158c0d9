import Testing
@testable import DossierModel

@Suite struct IdentifierTests {
    @Test func phonesBecomeE164() throws {
        let cases: [(String, String, String)] = [
            ("+44 20 7946 0958", "GB", "+442079460958"),
            ("0044 (0)20 7946-0958", "GB", "+442079460958"),
            ("020 7946 0958", "GB", "+442079460958"),
            ("030 1234567", "DE", "+49301234567"),
            ("+39 06 1234 5678", "IT", "+390612345678"),
            ("(212) 555-0147", "US", "+12125550147"),
            ("011 44 20 7946 0958", "US", "+442079460958"),
            ("+7 495 123-45-67", "RU", "+74951234567"),
        ]
        for (raw, country, expected) in cases {
            #expect(try PhoneNumber.e164(raw, defaultCountry: country) == expected, "\(raw)")
        }
    }

    @Test func badPhonesSayWhy() {
        #expect(throws: NormalizationError(scheme: .phone, input: "12", reason: "too short for a phone number")) {
            try PhoneNumber.e164("12")
        }
        #expect(throws: NormalizationError(scheme: .phone, input: "+44 20 CALL ME", reason: "unexpected character")) {
            try PhoneNumber.e164("+44 20 CALL ME")
        }
        #expect(throws: NormalizationError(scheme: .phone, input: "+1234567890123456", reason: "longer than the 15 digits E.164 allows")) {
            try PhoneNumber.e164("+1234567890123456")
        }
    }

    @Test func ibansAreCompactAndChecked() throws {
        #expect(try IBAN.normalize("gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432")
        #expect(try IBAN.normalize("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000")
        #expect(throws: NormalizationError(scheme: .iban, input: "GB83 WEST 1234 5698 7654 32", reason: "check digits do not match")) {
            try IBAN.normalize("GB83 WEST 1234 5698 7654 32")
        }
        #expect(throws: NormalizationError(scheme: .iban, input: "DE89 3704 0044 0532 0130", reason: "DE IBANs have 22 characters, not 20")) {
            try IBAN.normalize("DE89 3704 0044 0532 0130")
        }
        #expect(IBAN.make(country: "GB", bban: "WEST12345698765432") == "GB82WEST12345698765432")
    }

    @Test func otherSchemes() throws {
        #expect(try Identifier(scheme: .email, raw: " Jane.Doe@Example.ORG ").value == "jane.doe@example.org")
        #expect(throws: NormalizationError.self) { try Identifier(scheme: .email, raw: "jane@localhost") }
        #expect(try Identifier(scheme: .domain, raw: "Evil-Corp.example.").value == "evil-corp.example")
        #expect(try Identifier(scheme: .ip, raw: "010.001.002.003").value == "10.1.2.3")
        #expect(try Identifier(scheme: .passport, raw: "ab 123-456").value == "AB123456")
        #expect(Identifier(scheme: .phone, normalized: "+4420").description == "phone:+4420")
    }

    @Test func countriesByAnyName() {
        #expect(Country.normalize("deu") == "DE")
        #expect(Country.normalize("France") == "FR")
        #expect(Country.normalize("uk") == "GB")
        #expect(Country.normalize("Atlantis") == nil)
        #expect(Country.find("NL")?.callingCode == 31)
        #expect(Country.all.count == 249)
    }
}
