import Testing
import DossierModel
@testable import DossierEngine

private typealias R = NetworkxReference

@Suite struct CentralityTests {
    let uu = graph(10, R.undirectedUnweightedEdges, directed: false)
    let du = graph(8, R.directedUnweightedEdges, directed: true)
    let uw = graph(7, R.undirectedWeightedEdges, directed: false)
    let dw = graph(7, R.directedWeightedEdges, directed: true)

    @Test func degreeMatchesNetworkx() {
        #expect(close(Centrality.degree(uu), R.undirectedUnweightedDegree))
        #expect(close(Centrality.degree(du), R.directedUnweightedDegree))
        #expect(close(Centrality.degree(uw), R.undirectedWeightedDegree))
        #expect(close(Centrality.degree(dw), R.directedWeightedDegree))
    }

    @Test func betweennessMatchesNetworkx() throws {
        for threads in [1, 2] {
            #expect(close(try Centrality.betweenness(uu, threads: threads), R.undirectedUnweightedBetweenness))
            #expect(close(try Centrality.betweenness(du, threads: threads), R.directedUnweightedBetweenness))
            #expect(close(try Centrality.betweenness(uw, threads: threads), R.undirectedWeightedBetweenness))
            #expect(close(try Centrality.betweenness(dw, threads: threads), R.directedWeightedBetweenness))
        }
    }

    @Test func closenessMatchesNetworkxWassermanFaust() throws {
        #expect(close(try Centrality.closeness(uu), R.undirectedUnweightedCloseness))
        #expect(close(try Centrality.closeness(du), R.directedUnweightedCloseness))
        #expect(close(try Centrality.closeness(uw), R.undirectedWeightedCloseness))
        #expect(close(try Centrality.closeness(dw), R.directedWeightedCloseness))
    }

    @Test func pagerankMatchesNetworkx() throws {
        #expect(close(try Centrality.pagerank(uu).scores, R.undirectedUnweightedPageRank))
        #expect(close(try Centrality.pagerank(du).scores, R.directedUnweightedPageRank))
        #expect(close(try Centrality.pagerank(uw).scores, R.undirectedWeightedPageRank))
        #expect(close(try Centrality.pagerank(dw).scores, R.directedWeightedPageRank))
    }

    @Test func eigenvectorMatchesNetworkx() throws {
        #expect(close(try Centrality.eigenvector(uu).scores, R.undirectedUnweightedEigenvector))
        #expect(close(try Centrality.eigenvector(uw).scores, R.undirectedWeightedEigenvector))
        #expect(close(try Centrality.eigenvector(dw).scores, R.directedWeightedEigenvector))
        // networkx raises PowerIterationFailedConvergence on this one; we say so.
        let r = try Centrality.eigenvector(du)
        #expect(r.converged == false)
        #expect(r.iterations == 100)
    }

    /// Hand-worked: on the path a–b–c the middle lies on the only a..c path: 2 ordered pairs / ((n-1)(n-2)) = 1.
    /// On a directed path a→b→c only (a,c) passes b: 1/2. Closeness of b on the undirected path: 2/(1+1) = 1.
    @Test func handWorkedPath() throws {
        let u = graph(3, [(0, 1, 1), (1, 2, 1)], directed: false)
        #expect(try Centrality.betweenness(u) == [0, 1, 0])
        #expect(try Centrality.closeness(u) == [2.0 / 3.0, 1, 2.0 / 3.0])
        #expect(Centrality.degree(u) == [0.5, 1, 0.5])
        let d = graph(3, [(0, 1, 1), (1, 2, 1)], directed: true)
        #expect(try Centrality.betweenness(d) == [0, 0.5, 0])
        // Incoming distances: c is reached from b (1) and a (2): (2/3)·(2/2); b from a: (1/1)·(1/2).
        #expect(try Centrality.closeness(d) == [0, 0.5, 2.0 / 3.0])
    }

    /// Two equal shortest paths a–b–d and a–c–d split the a..d pair: b and c get 1/2 each per direction.
    @Test func handWorkedTiesSplitBetweenness() throws {
        let g = graph(4, [(0, 1, 1), (0, 2, 1), (1, 3, 1), (2, 3, 1)], directed: false)
        // Each node lies on half the paths of the one pair opposite it, both directions: 1 / (3·2).
        #expect(close(try Centrality.betweenness(g), [1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6]))
    }

    @Test func sampledBetweennessWithEveryPivotIsExact() throws {
        let exact = try Centrality.betweenness(uu)
        #expect(close(try Centrality.betweenness(uu, sample: 10, seed: 7), exact))
        let a = try Centrality.betweenness(uw, sample: 4, seed: 3)
        let b = try Centrality.betweenness(uw, sample: 4, seed: 3, threads: 1)
        #expect(close(a, b, tolerance: 1e-15))
    }

    @Test func cancelledAnalysisThrows() {
        let p = AnalysisProgress()
        p.cancel()
        #expect(throws: AnalysisCancelled.self) { try Centrality.betweenness(uu, progress: p) }
        #expect(throws: AnalysisCancelled.self) { try Centrality.pagerank(uu, progress: p) }
    }

    @Test func progressReportsPhase() throws {
        let p = AnalysisProgress()
        _ = try Centrality.pagerank(uu, progress: p)
        #expect(p.phase == "pagerank")
        #expect(p.completed > 0)
    }
}
