import DossierEngine
import DossierModel

/// A pair of entities the engine thinks may be one real-world thing, as the review sheet shows it.
public struct ReviewCandidate: Sendable, Equatable {
    public var a: ItemID
    public var b: ItemID
    public var kind: String
    public var score: Double
    public var strength: String
    public var agreed: [String]
    public var disagreed: [String]

    public init(a: ItemID, b: ItemID, kind: String, score: Double, strength: String, agreed: [String], disagreed: [String]) {
        self.a = a
        self.b = b
        self.kind = kind
        self.score = score
        self.strength = strength
        self.agreed = agreed
        self.disagreed = disagreed
    }
}

/// Working through entity-resolution candidates one by one: same, different or skip; each verdict is stored at once.
public struct ReviewSheet: Sendable, Equatable {
    public private(set) var candidates: [ReviewCandidate]
    public private(set) var index = 0
    /// Verdicts given in this sheet, by candidate index.
    public private(set) var decided: [Int: String] = [:]

    public init(candidates: [ReviewCandidate]) { self.candidates = candidates }

    public var current: ReviewCandidate? { candidates.indices.contains(index) ? candidates[index] : nil }
    public var isFinished: Bool { index >= candidates.count }

    mutating func record(_ verdict: String) {
        decided[index] = verdict
        index += 1
    }

    mutating func back() { index = max(0, index - 1) }
}

extension Workbench {
    /// Starts reviewing `candidates` (found by the engine in the background).
    func openReview(_ candidates: [ReviewCandidate]) {
        guard !candidates.isEmpty else {
            say("no entity-resolution candidates in \(selectedCase?.name ?? "the workspace")")
            return
        }
        review = ReviewSheet(candidates: candidates)
    }

    /// Stores the analyst's verdict on the current candidate as a judgement, then moves to the next.
    func judge(_ verdict: Judgement.Verdict) throws {
        guard var sheet = review, let c = sheet.current else { throw CommandError("no candidate to judge") }
        guard !store.isReadOnly else { throw CommandError("the workspace is open read-only") }
        guard let ea = store.entity(c.a), let eb = store.entity(c.b) else { throw CommandError("the candidate's entities are gone") }
        let time = now()
        let cases = Array(Set(ea.meta.cases + eb.meta.cases)).sorted()
        let judgement = Judgement(meta: ItemMeta(id: ItemID.generate(now: time), cases: cases, analyst: analyst, at: time),
                                  a: c.a, b: c.b, verdict: verdict, reason: "reviewed in the workbench",
                                  fingerprintA: EntityFingerprint.of(ea), fingerprintB: EntityFingerprint.of(eb))
        var batch = ChangeBatch(analyst: analyst, time: time, action: "judge \(verdict.rawValue)")
        batch.put(.judgement(judgement))
        try store.commit(batch)
        sheet.record(verdict.rawValue)
        review = sheet
        say("\(ea.name) and \(eb.name): \(verdict.rawValue)")
        if sheet.isFinished { finishReview() }
    }

    func skipCandidate() {
        guard var sheet = review else { return }
        sheet.record("skipped")
        review = sheet
        if sheet.isFinished { finishReview() }
    }

    func finishReview() {
        guard let sheet = review else { return }
        let counts = Dictionary(grouping: sheet.decided.values, by: { $0 }).mapValues(\.count)
        let summary = ["same", "different", "unsure", "skipped"].compactMap { k in counts[k].map { "\($0) \(k)" } }
        review = nil
        say("review done: " + (summary.isEmpty ? "nothing decided" : summary.joined(separator: ", ")))
    }
}
