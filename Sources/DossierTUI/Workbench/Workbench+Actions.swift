import DossierModel

extension Workbench {
    // MARK: Focus and navigation

    func cycleFocus(_ step: Int) {
        if !sheets.isEmpty {
            sheets[sheets.count - 1].nextSection()
            return
        }
        let order = panes
        guard let i = order.firstIndex(of: focus) else { focus = order.first ?? .cases; return }
        focus = order[(i + step + order.count) % order.count]
    }

    func back() {
        // Esc stops an analysis or a search; the panes' own building (lists, timeline, chart) goes on, so Esc always
        // also works as "back" while a large chart is laid out.
        if let job = jobs.cancellable {
            jobs.cancel(kind: job.kind)
            say("cancelled \(job.title)")
        } else if review != nil {
            finishReview()
        } else if !sheets.isEmpty {
            sheets.removeLast()
            if let top = sheets.last, !top.eventsLoaded { loadEvents(of: top.entity) }
        } else if zoomed {
            zoomed = false
        } else if !filter.isEmpty && focus == .items {
            filter = ""
            say("filter cleared")
        }
    }

    func selectCase(_ index: Int) {
        guard caseList.indices.contains(index) else { return }
        caseCursor.selected = index
        itemCursor = ListCursor()
        detailTop = 0
    }

    func moveSelection(_ delta: Int) {
        if !sheets.isEmpty {
            sheets[sheets.count - 1].move(delta)
            return
        }
        switch focus {
        case .cases:
            let before = caseCursor.selected
            caseCursor.move(delta, count: caseList.count)
            if caseCursor.selected != before {
                itemCursor = ListCursor()
                detailTop = 0
            }
        case .items:
            itemCursor.move(delta, count: table.rows.count)
            detailTop = 0
        case .detail:
            detailTop = max(0, detailTop + delta)
        case .results:
            resultsCursor.move(delta, count: results.count)
        case .timeline:
            stepEvent(delta)
        case .chart:
            moveChartSelection(dx: 0, dy: delta > 0 ? 1 : -1)
        }
    }

    func openSelection() {
        if let sheet = sheets.last {
            if let id = sheet.selectedEntityID(store), id != sheet.entity {
                pushEntity(id)
            } else {
                say("select a contact or link to follow it")
            }
            return
        }
        switch focus {
        case .cases:
            focus = .items
        case .items, .detail:
            guard let item = selectedItem else { return }
            if let e = item.entity {
                pushEntity(e.meta.id)
            } else if let l = item.link {
                pushEntity(l.from)
            } else {
                focus = .detail
            }
        case .results:
            guard results.indices.contains(resultsCursor.selected), let id = results[resultsCursor.selected].item else { return }
            reveal(id)
            focus = store.item(id)?.kind == .case ? .cases : .items
        case .timeline:
            if let id = selectedTimelineEvent { reveal(id); focus = .items }
        case .chart:
            guard let id = mainChart.selected else { return }
            pushEntity(id)
        }
    }

    /// Opens an entity's own view on top of the stack (drill-down).
    func pushEntity(_ id: ItemID) {
        guard let entity = store.entity(id) else {
            setError("no entity \(id)")
            return
        }
        let caseID = selectedCase?.meta.id
        let sheet = EntitySheet(entity: entity, reader: store, caseID: caseID)
        sheets.append(sheet)
        zoomed = false
        loadEvents(of: id)
    }

    /// Scans the events of a drilled-into entity in the background.
    func loadEvents(of id: ItemID) {
        let store = self.store
        let caseID = selectedCase?.meta.id
        let name = store.item(id)?.displayName ?? id.description
        jobs.start("events of \(name)", kind: .drill) { job in
            let found = EntitySheet.scanEvents(entity: id, caseID: caseID, reader: store, job: job)
            return job.isCancelled ? nil : .entityEvents(id, found)
        }
    }

    /// Selects an item in the items pane: switches to its list and its row (clearing a filter that hides it).
    func reveal(_ id: ItemID) {
        guard let item = store.item(id) else { return }
        if item.kind == .case, let i = caseList.firstIndex(where: { $0.meta.id == id }) {
            selectCase(i)
            focus = .cases
            return
        }
        guard let newTab = ItemTab.allCases.first(where: { $0.kind == item.kind }) else { return }
        if let c = selectedCase, !item.meta.cases.contains(c.meta.id),
           let i = caseList.firstIndex(where: { item.meta.cases.contains($0.meta.id) }) {
            selectCase(i)
        }
        tab = newTab
        var rows = table.rows
        if !rows.contains(id) && !filter.isEmpty {
            filter = ""
            rows = table.rows
        }
        if let row = rows.firstIndex(of: id) {
            itemCursor.selected = row
            detailTop = 0
            pendingReveal = nil
        } else if table.isLoading {
            pendingReveal = id
        }
    }

    func switchTab(_ step: Int) {
        let all = ItemTab.allCases
        let i = all.firstIndex(of: tab)!
        tab = all[(i + step + all.count) % all.count]
        sortColumn = nil
        ascending = true
        itemCursor = ListCursor()
    }

    func cycleSort() {
        let count = ItemColumn.columns(for: tab).count
        sortColumn = sortColumn.map { ($0 + 1) % count } ?? 0
        ascending = true
        let title = ItemColumn.columns(for: tab)[sortColumn ?? 0].title
        say("sorted by \(title.lowercased())")
    }

    // MARK: Search

    func startSearch(_ query: String) {
        searchQuery = query
        guard !query.isEmpty else {
            jobs.cancel(kind: .search)
            matches = []
            return
        }
        let store = self.store
        let caseID = selectedCase?.meta.id
        jobs.start("search \(query)", kind: .search) { job in
            let found = ItemSearch.run(query, in: store, caseID: caseID, job: job)
            return job.isCancelled ? nil : .searchMatches(query: query, found)
        }
    }

    func stepMatch(_ step: Int) {
        guard !matches.isEmpty else {
            setError(searchQuery.isEmpty ? "no search yet: press / to search" : "no match for \(searchQuery)")
            return
        }
        matchIndex = (matchIndex + step + matches.count) % matches.count
        reveal(matches[matchIndex])
        if focus != .items { focus = .items }
        say("match \(matchIndex + 1)/\(matches.count) for \(searchQuery)")
    }

    func apply(_ outcome: JobOutcome) {
        switch outcome {
        case .searchMatches(let query, let found):
            guard query == searchQuery else { return }
            matches = found
            matchIndex = 0
            if let first = found.first {
                reveal(first)
                if sheets.isEmpty { focus = .items }
                say("match 1/\(found.count) for \(query)")
            } else {
                say("no match for \(query)")
            }
        case .results(let title, let lines):
            resultsTitle = title
            results = lines
            resultsCursor = ListCursor()
            focus = .results
            say(title)
        case .entityEvents(let id, let events):
            for i in sheets.indices where sheets[i].entity == id { sheets[i].setEvents(events, reader: store) }
        case .table(let t):
            pendingTableKey = nil
            guard t.key == wantedTableKey else { return }
            tableCache = t
            itemCursor.clamp(count: t.rows.count)
            if let id = pendingReveal, let row = t.rows.firstIndex(of: id) {
                itemCursor.selected = row
                pendingReveal = nil
            }
        case .chart(let model):
            applyChart(model)
        case .chartConnection(let source, let connection):
            applyConnection(source, connection)
        case .timeline(let model):
            if pendingTimelineKey == model.key { pendingTimelineKey = nil }
            if model.key.caseID != timelineModel?.key.caseID {
                timelineRange = nil
                timelineSelected = nil
            }
            timelineModel = model
        case .review(let candidates):
            openReview(candidates)
        case .failed(let message):
            setError(message)
        }
    }

    // MARK: Review

    /// Commits one change to the selected item under the analyst's name, at once.
    private func updateSelected(action: String, _ change: (inout Item) throws -> Void) throws {
        guard var item = selectedItem else { throw CommandError("nothing selected") }
        guard !store.isReadOnly else { throw CommandError("the workspace is open read-only") }
        let time = now()
        try change(&item)
        var meta = item.meta
        meta.touch(by: analyst, at: time)
        item.meta = meta
        var batch = ChangeBatch(analyst: analyst, time: time, action: action)
        batch.put(item)
        try store.commit(batch)
        say("\(action): \(item.displayName)")
    }

    func toggleReviewed() throws {
        let was = selectedItem?.meta.reviewed ?? false
        try updateSelected(action: was ? "mark not reviewed" : "mark reviewed") { $0.meta.reviewed.toggle() }
    }

    func toggleFlag() throws {
        let was = selectedItem?.meta.flagged ?? false
        try updateSelected(action: was ? "unflag" : "flag") { $0.meta.flagged.toggle() }
    }

    func addTag(_ raw: String) throws {
        let tag = raw.trimmedSpaces
        guard !tag.isEmpty else { throw CommandError("tag: the tag is empty") }
        try updateSelected(action: "tag \(tag)") { item in
            if !item.meta.tags.contains(tag) { item.meta.tags.append(tag) }
        }
    }

    func grade(_ text: String) throws {
        guard let grading = Grading(text) else {
            throw CommandError("\"\(text)\" is not an Admiralty grade: a letter A-F and a digit 1-6, e.g. B2")
        }
        try updateSelected(action: "grade \(grading)") { item in
            if case .source(var s) = item {
                s.grading = grading
                item = .source(s)
            } else {
                item.meta.grading = grading
            }
        }
    }

    func addNote(_ raw: String) throws {
        let text = raw.trimmedSpaces
        guard !text.isEmpty else { throw CommandError("note: the note is empty") }
        guard let about = selectedItem else { throw CommandError("nothing selected") }
        guard !store.isReadOnly else { throw CommandError("the workspace is open read-only") }
        let time = now()
        let cases = about.kind == .case ? [about.id] : (selectedCase.map { [$0.meta.id] } ?? about.meta.cases)
        let note = Note(meta: ItemMeta(id: ItemID.generate(now: time), cases: cases, analyst: analyst, at: time),
                        about: [about.id], text: text)
        var batch = ChangeBatch(analyst: analyst, time: time, action: "add note")
        batch.put(.note(note))
        try store.commit(batch)
        say("note added to \(about.displayName)")
    }

    func answer(_ prompt: Prompt, _ text: String) {
        do {
            switch prompt {
            case .tag: try addTag(text)
            case .note: try addNote(text)
            case .grade: try grade(text)
            }
        } catch let error as CommandError {
            setError(error.message)
        } catch {
            setError("\(prompt.label): \(error)")
        }
    }
}
