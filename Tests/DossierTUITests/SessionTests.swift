import DossierModel
import Testing
@testable import DossierTUI

/// Scripted sessions replaying command ids headlessly, and what they write to the store.
@Suite struct SessionTests {
    @Test func reviewActionsAreCommittedAtOnceUnderTheAnalystsName() throws {
        let (w, store) = Fixture.workbench()
        _ = try Replay.run("""
        case.select trafficking
        pane.items
        review.toggleReviewed
        review.toggleFlag
        review.tag urgent
        :note "seen at the port"
        """, on: w)
        let batches = store.batches
        #expect(batches.map(\.action) == ["mark reviewed", "flag", "tag urgent", "add note"])
        #expect(batches.allSatisfy { $0.analyst == "alice" && $0.time == Fixture.at("2024-03-02T12:00:00Z") })
        let ivan = try #require(store.item(Fixture.ivan))
        #expect(ivan.meta.reviewed && ivan.meta.flagged && ivan.meta.tags == ["urgent"])
        #expect(ivan.meta.modifiedBy == "alice" && ivan.meta.createdBy == "importer")
        var notes: [Note] = []
        store.forEach(.note, inCase: Fixture.caseID) { notes.append($0.note!); return true }
        #expect(notes.count == 1)
        #expect(notes.first?.about == [Fixture.ivan] && notes.first?.text == "seen at the port")
        #expect(w.render().lines()[4].contains("Ivan Petrov"))
    }

    @Test func reviewThroughKeysAndPrompts() throws {
        let (w, store) = Fixture.workbench()
        _ = try Replay.run("""
        case.select trafficking
        pane.items
        key [
        key A
        type a1
        key enter
        key t
        type 重要
        key enter
        """, on: w)
        let source = try #require(store.item(Fixture.source)?.source)
        #expect(source.grading == Grading(.a, .confirmed))
        #expect(source.meta.tags == ["重要"])
        #expect(store.batches.map(\.action) == ["grade A1", "tag 重要"])
        // Items graded through their source show the new grade.
        #expect(store.effectiveGrading(of: store.item(Fixture.ivan)!.meta) == Grading(.a, .confirmed))
    }

    @Test func badGradeIsExplainedAndNothingIsWritten() throws {
        let (w, store) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\npane.items\n:grade Z9", on: w)
        #expect(store.batches.isEmpty)
        #expect(w.statusIsError)
        #expect(w.status == "\"Z9\" is not an Admiralty grade: a letter A-F and a digit 1-6, e.g. B2")
    }

    @Test func readOnlyWorkspaceRefusesReviewActions() throws {
        let store = MemoryStore(Fixture.items(), readOnly: true)
        let w = Workbench(store: store, analyst: "alice", width: 80, height: 24)
        w.run("review.toggleReviewed")
        #expect(w.status == "the workspace is open read-only")
        #expect(store.batches.isEmpty)
    }

    @Test func searchAsYouTypeThenNextAndPrevious() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\nkey /\ntype ivan", on: w)
        // "ivan" matches the entity, then the link and events that involve him, in list order.
        #expect(w.matches == [Fixture.ivan, Fixture.link1, Fixture.call1, Fixture.call2, Fixture.payment])
        #expect(w.selectedItem?.id == Fixture.ivan)
        _ = try Replay.run("key enter\nkey n", on: w)
        #expect(w.tab == .links && w.selectedItem?.id == Fixture.link1)
        _ = try Replay.run("key n\nkey n\nkey n\nkey n", on: w)
        #expect(w.tab == .entities && w.selectedItem?.id == Fixture.ivan)
        _ = try Replay.run("key N", on: w)
        #expect(w.tab == .events && w.selectedItem?.id == Fixture.payment)
        #expect(w.status == "match 5/5 for ivan")
    }

    @Test func searchFindsIdentifiersAndCJK() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\n:search 7700900123", on: w)
        #expect(w.matches == [Fixture.phone, Fixture.link1])
        _ = try Replay.run(":search 短信", on: w)
        #expect(w.matches == [Fixture.call2])
    }

    @Test func drillDownStackAndBreadcrumb() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\npane.items\nitem.open", on: w)
        #expect(w.breadcrumb == ["Dossier", "trafficking", "Ivan Petrov"])
        #expect(w.sheets.last?.events == [Fixture.call1, Fixture.call2, Fixture.payment])
        #expect(w.sheets.last?.contacts.map(\.entity) == [Fixture.wang, Fixture.phone])
        _ = try Replay.run("item.open", on: w)  // follow the first contact
        #expect(w.breadcrumb == ["Dossier", "trafficking", "Ivan Petrov", "王小明"])
        #expect(w.render().lines()[0].hasPrefix(" Dossier › trafficking › Ivan Petrov › 王小明"))
        _ = try Replay.run("key esc", on: w)
        #expect(w.breadcrumb == ["Dossier", "trafficking", "Ivan Petrov"])
        _ = try Replay.run("key esc", on: w)
        #expect(w.sheets.isEmpty && w.focus == .items)
    }

    @Test func focusCyclesAndNumberKeysJump() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("key tab", on: w)
        #expect(w.focus == .items)
        _ = try Replay.run("key tab\nkey tab", on: w)
        #expect(w.focus == .timeline)
        _ = try Replay.run("key tab", on: w)
        #expect(w.focus == .chart)
        _ = try Replay.run("key tab", on: w)
        #expect(w.focus == .cases)
        _ = try Replay.run("key shift-tab", on: w)
        #expect(w.focus == .chart)
        _ = try Replay.run("key 5\nkey z", on: w)
        #expect(w.focus == .chart && w.zoomed)
        #expect(w.render().lines()[1].hasPrefix("┏ 5 Link chart (0) "))  // the case "fraud" has no entities
        _ = try Replay.run("key z\nkey 2\nkey z", on: w)
        #expect(w.focus == .items && w.zoomed)
        _ = try Replay.run("key z", on: w)
        #expect(!w.zoomed)
    }

    @Test func sortAndFilterColumns() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\npane.items\nkey s\nkey s", on: w)
        // Sorted by name: "+44…", "GB82…", "Ivan Petrov", "王小明".
        #expect(w.table.rows == [Fixture.phone, Fixture.account, Fixture.ivan, Fixture.wang])
        _ = try Replay.run("key S", on: w)
        #expect(w.table.rows == [Fixture.wang, Fixture.ivan, Fixture.account, Fixture.phone])
        _ = try Replay.run("key f\ntype person\nkey enter", on: w)
        #expect(w.table.rows == [Fixture.wang, Fixture.ivan])
        _ = try Replay.run("key esc", on: w)
        #expect(w.filter == "" && w.table.rows.count == 4)
    }

    @Test func commandLineCompletesFromTheRegistry() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("key :\ntype cen\nkey tab", on: w)
        #expect(w.mode == .commandLine(TextField("centrality ")))
        _ = try Replay.run("type bet\nkey tab", on: w)
        #expect(w.mode == .commandLine(TextField("centrality betweenness")))
        _ = try Replay.run("key esc\nkey :\ntype theme l\nkey tab\nkey enter", on: w)
        #expect(w.themeName == "light" && w.styles == .light)
        _ = try Replay.run(":frobnicate", on: w)
        #expect(w.status == "unknown command frobnicate (Tab completes, ? lists commands)")
    }

    @Test func paletteRunsTheChosenCommand() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("key ctrl-p\ntype zoom\nkey enter", on: w)
        #expect(w.zoomed)
        #expect(w.mode == .normal)
    }

    @Test func analysesRunInTheBackgroundAndShowResults() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("case.select trafficking\n:path \"GB82 WEST 1234 5698 7654 32\" \"+44 7700 900123\"", on: w)
        #expect(w.resultsTitle == "path GB82 WEST 1234 5698 7654 32 – +44 7700 900123: 3 hops")
        #expect(w.results.map(\.item) == [Fixture.account, Fixture.wang, Fixture.ivan, Fixture.phone])
        #expect(w.focus == .results)
        _ = try Replay.run("list.down\nitem.open", on: w)
        #expect(w.focus == .items && w.selectedItem?.id == Fixture.wang)
        _ = try Replay.run(":path nobody Ivan", on: w)
        #expect(w.status == "no entity nobody")
    }

    @Test func replayReportsBadLines() throws {
        let (w, _) = Fixture.workbench()
        #expect(throws: Replay.Failure(line: 2, message: "no command no.such")) {
            try Replay.run("app.help\nno.such", on: w)
        }
        #expect(throws: Replay.Failure(line: 1, message: "\"hyper-x\" is not a key")) {
            try Replay.run("key hyper-x", on: w)
        }
    }

    @Test func quitStopsTheSession() throws {
        let (w, _) = Fixture.workbench()
        _ = try Replay.run("key q\npane.items", on: w)
        #expect(w.quitRequested && w.focus == .cases)
    }
}

@Suite struct ReviewTests {
    static let candidates = [
        ReviewCandidate(a: Fixture.ivan, b: Fixture.wang, kind: "person", score: 0.62, strength: "possible",
                        agreed: ["shared contact"], disagreed: ["name"]),
        ReviewCandidate(a: Fixture.phone, b: Fixture.account, kind: "other", score: 0.5, strength: "possible",
                        agreed: [], disagreed: []),
        ReviewCandidate(a: Fixture.wang, b: Fixture.phone, kind: "other", score: 0.5, strength: "possible",
                        agreed: [], disagreed: []),
    ]

    @Test func verdictsAreStoredOneByOne() throws {
        let (w, store) = Fixture.workbench()
        w.openReview(Self.candidates)
        #expect(w.breadcrumb == ["Dossier", "fraud", "Resolve 1/3"])
        let lines = w.render().lines()
        #expect(lines[2].hasPrefix("┃possible · score 0.6200 · person"))
        #expect(lines[3].hasPrefix("┃agree: shared contact  differ: name"))
        #expect(lines[6].hasPrefix("│Person Ivan Petrov"))
        #expect(lines[6].contains("│Person 王小明"))
        _ = try Replay.run("key s\nkey space\nkey d", on: w)
        #expect(store.batches.map(\.action) == ["judge same", "judge different"])
        var judgements: [Judgement] = []
        store.forEach(.judgement, inCase: nil) { judgements.append($0.judgement!); return true }
        let byVerdict = Dictionary(uniqueKeysWithValues: judgements.map { ($0.verdict, $0) })
        #expect(byVerdict[.same]?.a == Fixture.ivan && byVerdict[.same]?.b == Fixture.wang)
        #expect(byVerdict[.same]?.meta.createdBy == "alice")
        #expect(byVerdict[.same]?.fingerprintA == "name:person:ivan petrov|dob:")
        #expect(byVerdict[.different]?.a == Fixture.wang && byVerdict[.different]?.fingerprintB == "ids:phone:+447700900123")
        #expect(w.review == nil)
        #expect(w.status == "review done: 1 same, 1 different, 1 skipped")
    }

    @Test func escStopsTheReview() throws {
        let (w, store) = Fixture.workbench()
        w.openReview(Self.candidates)
        _ = try Replay.run("key esc", on: w)
        #expect(w.review == nil && store.batches.isEmpty)
        #expect(w.status == "review done: nothing decided")
    }
}

@Suite struct LargeListTests {
    @Test func longListsAreBuiltInTheBackgroundAndKeptAcrossCommits() throws {
        let (w, store) = Fixture.workbench()
        w.synchronousTableLimit = 2
        w.run("case.select", ["trafficking"])
        w.run("pane.items")
        #expect(w.table.isLoading)
        #expect(w.render().lines()[4].hasPrefix("│              │┃loading 4 entities…"))
        w.settle()
        #expect(!w.table.isLoading && w.table.rows.count == 4)
        w.run("review.toggleReviewed")
        // The commit changed the data: the same rows stay on screen while the list is rebuilt.
        #expect(!w.table.isLoading && w.table.rows.count == 4)
        #expect(store.batches.count == 1)
        w.settle()
        #expect(w.table.version == store.version)
    }

    @Test func searchSelectsAMatchOnceItsListIsReady() throws {
        let (w, _) = Fixture.workbench()
        w.synchronousTableLimit = 2
        _ = try Replay.run("case.select trafficking\n:search 短信", on: w)
        #expect(w.tab == .events && w.selectedItem?.id == Fixture.call2)
    }
}
