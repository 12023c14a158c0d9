import Testing
import DossierModel
@testable import DossierRender

/// Crossings on the graphs compared with Graph::Easy 0.76 (`graph-easy --as=boxart`, crossings counted as ┼ in its
/// output: tree 0, K4 1, three cases 0, random 20 nodes 3). Our counts are the ┼ we draw (checked to equal
/// `stats.crossings` by the property tests).
@Suite struct ChartCrossingTests {
    static let graphs: [(String, ChartGraph)] = [
        ("tree", ChartFixtures.tree), ("k4", ChartFixtures.k4), ("three-cases", ChartFixtures.threeCases),
        ("random20", ChartFixtures.random(n: 20, m: 26, seed: 7)),
    ]

    func crossings(_ style: ChartLayoutStyle) -> [Int] {
        ChartCrossingTests.graphs.map { _, g in
            ChartLayoutEngine.layout(g, options: ChartLayoutOptions(style: style), size: ChartSize(width: 200)).stats.crossings
        }
    }

    @Test func hierarchical() { #expect(crossings(.hierarchical) == [0, 0, 1, 1]) }
    @Test func force() { #expect(crossings(.force) == [0, 0, 0, 1]) }
    @Test func fewerInTotalThanGraphEasy() {
        let graphEasy = [0, 1, 0, 3]
        for style in [ChartLayoutStyle.hierarchical, .force] {
            #expect(crossings(style).reduce(0, +) < graphEasy.reduce(0, +), "\(style)")
        }
    }
}
