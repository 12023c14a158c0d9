import DossierModel
@testable import DossierStore
import Foundation

/// A fresh temporary directory, removed by `cleanup()`.
struct TempDir {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/dossier-store-XXXXXX").utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = String(cString: p!)
    }

    func sub(_ name: String) -> String { path + "/" + name }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Deterministic test data: ids from a seeded generator, fixed times, text in several scripts.
enum Fixture {
    static let time = TimePoint(unixSeconds: 1_700_000_000)

    static func id(_ n: UInt64) -> ItemID {
        var g = SeededGenerator(seed: n)
        return ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + n, using: &g)
    }

    static func meta(_ n: UInt64, cases: [ItemID] = []) -> ItemMeta {
        ItemMeta(id: id(n), cases: cases, analyst: "anna", at: time)
    }

    static func caseItem(_ n: UInt64, _ name: String) -> Item {
        .case(Case(meta: meta(n), name: name, title: "Operation \(name)"))
    }

    static func entity(_ n: UInt64, _ name: String, kind: EntityKind = .person, cases: [ItemID] = [],
                       identifiers: [Identifier] = []) -> Item {
        .entity(Entity(meta: meta(n, cases: cases), kind: kind, name: name, identifiers: identifiers))
    }

    static func event(_ n: UInt64, at seconds: Int64, cases: [ItemID] = [], participants: [ItemID] = []) -> Item {
        .event(Event(meta: meta(n, cases: cases), kind: .call, start: TimePoint(unixSeconds: seconds),
                     participants: participants.map { Participant($0, role: .caller) }))
    }

    /// One item of every type, with non-ASCII text (CJK, Cyrillic, combining accents, emoji) in every string field.
    static func everyType() -> [Item] {
        let c = id(1)
        var m = meta(2, cases: [c])
        m.source = id(5)
        m.tags = ["東京", "Ж", "e\u{301}", "🔥"]
        m.grading = Grading(.b, .probablyTrue)
        m.handling = HandlingCode(scheme: .uk3x5x2, code: "C", conditions: "Не передавать 第三者 ✋")
        m.reviewed = true
        m.flagged = true
        m.modifiedBy = "Zoë"
        m.modifiedAt = TimePoint(utcMicros: -123_456_789, offsetMinutes: -330, precision: .microsecond)
        return [
            .case(Case(meta: meta(1), name: "дело-東京", title: "Café crème 🚀", summary: "résumé", status: "open",
                       restrictedTo: ["anna", "Ωmega"])),
            .entity(Entity(meta: m, kind: "人物", name: "Иван Петров 李小龍 Ame\u{301}lie 👩‍👩‍👧", aliases: ["Ваня", "小龍"],
                           identifiers: [Identifier(scheme: .phone, normalized: "+447700900123"),
                                         Identifier(scheme: .email, normalized: "иван@пример.рф")],
                           attributes: [Attribute("национальность", "RU"), Attribute("emoji", "🇷🇺")],
                           coordinates: GeoPoint(latitude: 51.5074, longitude: -0.1278))),
            .link(Link(meta: meta(3, cases: [c]), type: "владеет", from: id(2), to: id(4), directed: true,
                       start: TimePoint(unixSeconds: 0, precision: .year), end: TimePoint(unixSeconds: 86_400, precision: .day),
                       weight: 2.5, label: "владелец 🏠", attributes: [Attribute("k", "v\u{308}")])),
            .event(Event(meta: meta(4, cases: [c]), kind: "звонок", start: TimePoint(unixSeconds: 1_600_000_000, offsetMinutes: 120),
                         end: TimePoint(unixSeconds: 1_600_000_060, offsetMinutes: 120),
                         participants: [Participant(id(2), role: .caller), Participant(id(3), role: "получатель")],
                         place: id(6), amount: Money(tenThousandths: -12_345_678, currency: "eur"), summary: "通話 ☎️",
                         attributes: [Attribute("cell", "Ñandú")])),
            .source(Source(meta: meta(5), provider: "Европол", reference: "REF-東-1", received: TimePoint(unixSeconds: 1_650_000_000),
                           grading: Grading(.a, .confirmed), handling: HandlingCode(scheme: .tlp, code: "AMBER+STRICT"),
                           legalBasis: "Art. 5 § 2", purpose: "расследование", fileName: "звонки.csv",
                           sha256: String(repeating: "ab", count: 32), description: "📎 attaché")),
            .note(Note(meta: meta(6, cases: [c]), about: [id(2), id(3)], text: "Заметка: 会う予定 — naïve 👀\nline 2")),
            .judgement(Judgement(meta: meta(7), a: id(2), b: id(3), verdict: .same, reason: "同じ電話",
                                 fingerprintA: "phone:+447700900123", fingerprintB: "Иван", withdrawn: true)),
            .analyst(Analyst(meta: meta(8), name: "Zoë 王", role: .supervisor, active: false)),
            .entity(Entity(meta: meta(9), kind: .phone, name: "")),
        ]
    }

    static func batch(_ items: [Item], action: String = "test") -> ChangeBatch {
        ChangeBatch(changes: items.map { .put($0) }, analyst: "anna", time: time, action: action)
    }
}

/// Byte-level access to workspace files for damage tests.
enum Disk {
    static func read(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    static func write(_ path: String, _ bytes: [UInt8]) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func segments(_ ws: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ws + "/segments")) ?? []).filter { $0.hasSuffix(".seg") }.sorted()
            .map { ws + "/segments/" + $0 }
    }
}
