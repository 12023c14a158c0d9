extension Correlator {
    /// The per-record values the pair loops read, computed once per record: small numbers and byte arrays, so a
    /// pair that cannot match (most pairs from the name blocks are strangers sharing a common name word and a date
    /// of birth) costs a few comparisons instead of string work, entity copies and reference counting.
    struct PairFields {
        /// The kind class, numbered (records of different classes are never paired).
        var kind: [Int32]
        /// The year of birth (the date of birth's first four characters), numbered; 0 when there is none.
        var birthYear: [Int32]
        /// The date of birth and the nationality, numbered; 0 when there is none.
        var dob: [Int32]
        var nationality: [Int32]
        var hasAddress: [Bool]
        /// The folded name words' UTF-8 bytes.
        var words: [[[UInt8]]]

        /// Whether a pair that shares no identifier cannot reach `minimumScore` whatever its name similarity
        /// (`sim`, or 1 when not yet computed): the upper bound of `compare`'s score for names alike, with every
        /// attribute that might agree counted as agreeing (a shared contact too) and only the certain disagreements
        /// (dates of birth or nationalities that differ) counted against. Such a pair has a disagreement, so it is
        /// not a name-only pair either: `compare` would return nothing or a score below the minimum.
        func cannotReach(_ minimumScore: Double, _ i: Int, _ j: Int, sim: Double) -> Bool {
            var surelyDisagree = 0, mayAgree = 1  // a shared contact may agree
            if dob[i] != 0 && dob[j] != 0 { if dob[i] == dob[j] { mayAgree += 1 } else { surelyDisagree += 1 } }
            if nationality[i] != 0 && nationality[j] != 0 {
                if nationality[i] == nationality[j] { mayAgree += 1 } else { surelyDisagree += 1 }
            }
            guard surelyDisagree > 0 else { return false }
            if hasAddress[i] && hasAddress[j] { mayAgree += 1 }
            let best = min(0.95, 0.55 + 0.15 * Double(mayAgree) + 0.5 * (sim - 0.85)) - 0.35 * Double(surelyDisagree)
            // A margin against rounding: only pairs clearly below the minimum are dropped.
            return max(0, best) < minimumScore - 1e-9
        }

        init(_ features: [Features]) {
            kind = []
            birthYear = []
            dob = []
            nationality = []
            hasAddress = []
            words = []
            kind.reserveCapacity(features.count)
            birthYear.reserveCapacity(features.count)
            dob.reserveCapacity(features.count)
            nationality.reserveCapacity(features.count)
            hasAddress.reserveCapacity(features.count)
            words.reserveCapacity(features.count)
            for f in features {
                kind.append(f.kind)
                birthYear.append(f.birthYear)
                dob.append(f.birth)
                nationality.append(f.nationalityNumber)
                hasAddress.append(f.address != nil)
                words.append(f.words.map { Array($0.utf8) })
            }
        }
    }
}
