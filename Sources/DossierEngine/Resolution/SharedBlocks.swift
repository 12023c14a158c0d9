extension Correlator {
    /// Each record's blocks (those that pair their members), as ascending block numbers in one flat array, so the
    /// blocks two records share are found by merging two short lists. A pair met in several blocks is counted and
    /// kept only in the first of them that pairs it, which replaces storing, sorting and deduplicating every pair.
    struct SharedBlocks {
        /// Record `r`'s blocks are `blocks[start[r]..<start[r + 1]]`, ascending.
        private var start: [Int32]
        private var blocks: [Int32]
        /// A crowded name block pairs two members with dates of birth only when born the same year.
        let crowded: [Bool]
        /// The block's key is an identifier: records sharing it share an identifier that is not over-common.
        let identifier: [Bool]

        /// Block `b` here is the table's block `numbers[b]`, whose members are
        /// `members[memberStart[numbers[b]]..<memberStart[numbers[b] + 1]]`.
        init(numbers: [Int32], memberStart: [Int32], members: [Int32], records: Int, crowded: [Bool],
             identifier: [Bool]) {
            self.crowded = crowded
            self.identifier = identifier
            var count = [Int32](repeating: 0, count: records + 1)
            for n in numbers {
                for m in Int(memberStart[Int(n)])..<Int(memberStart[Int(n) + 1]) { count[Int(members[m]) + 1] += 1 }
            }
            for r in 0..<records { count[r + 1] += count[r] }
            start = count
            var next = count
            blocks = [Int32](repeating: 0, count: Int(count[records]))
            for (b, n) in numbers.enumerated() {
                for m in Int(memberStart[Int(n)])..<Int(memberStart[Int(n) + 1]) {
                    let r = Int(members[m])
                    blocks[Int(next[r])] = Int32(b)
                    next[r] += 1
                }
            }
        }

        /// The first block that pairs records `a` and `b`, and whether any block they share is an identifier's.
        func first(_ a: Int, _ b: Int, birthYear: [Int32]) -> (block: Int, identifier: Bool) {
            var i = Int(start[a]), j = Int(start[b])
            let iEnd = Int(start[a + 1]), jEnd = Int(start[b + 1])
            let yearsDiffer = birthYear[a] != 0 && birthYear[b] != 0 && birthYear[a] != birthYear[b]
            var found = -1, byIdentifier = false
            while i < iEnd && j < jEnd {
                let x = blocks[i], y = blocks[j]
                if x == y {
                    let k = Int(x)
                    if found < 0 && !(crowded[k] && yearsDiffer) { found = k }
                    if identifier[k] { byIdentifier = true }
                    i += 1; j += 1
                } else if x < y { i += 1 } else { j += 1 }
            }
            return (found, byIdentifier)
        }
    }
}
