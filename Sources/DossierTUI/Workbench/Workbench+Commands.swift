import DossierModel
import DossierRender

extension Workbench {
    /// Every command of the workbench, declared once.
    func registerCommands() {
        func add(_ spec: CommandSpec, _ action: @escaping CommandRegistry<Workbench>.Action) { registry.register(spec, action) }

        // Everywhere
        add(CommandSpec("app.quit", "quit", help: "Close the workspace and leave the workbench.", scope: .global,
                        inFooter: true, verbs: ["quit", "q"])) { w, _ in w.quitRequested = true }
        add(CommandSpec("app.help", "help", help: "Show every command and its keys.", scope: .global, inFooter: true,
                        verbs: ["help"])) { w, _ in w.mode = .help(top: 0) }
        add(CommandSpec("app.commandLine", "command", help: "Type a command with arguments, as on the CLI (Tab completes).",
                        scope: .global, inFooter: true)) { w, _ in w.mode = .commandLine(TextField()) }
        add(CommandSpec("app.palette", "palette", help: "Find any command by name and run it.", scope: .global,
                        verbs: ["palette"])) { w, _ in w.mode = .palette(TextField(), ListCursor()) }
        add(CommandSpec("app.focusNext", "next pane", help: "Move the focus to the next pane.", scope: .global,
                        inFooter: true)) { w, _ in w.cycleFocus(1) }
        add(CommandSpec("app.focusPrevious", "previous pane", help: "Move the focus to the previous pane.",
                        scope: .global)) { w, _ in w.cycleFocus(-1) }
        add(CommandSpec("app.zoom", "zoom", help: "Show the focused pane on the whole screen, or go back to all panes.",
                        scope: .global, inFooter: true)) { w, _ in
            w.zoomed.toggle()
        }
        add(CommandSpec("app.back", "back", help: "Cancel the running analysis, leave the entity view, or unzoom.",
                        scope: .global, inFooter: true)) { w, _ in w.back() }
        for pane in PaneID.allCases {
            add(CommandSpec("pane.\(pane.rawValue)", pane.title.lowercased(), help: "Focus the \(pane.title.lowercased()) pane.",
                            scope: .global)) { w, _ in w.focus(pane) }
        }
        add(CommandSpec("theme.set", "theme", help: "Switch the colour theme (built-in or a file in ~/.config/dossier/themes).",
                        scope: .global, verbs: ["theme"],
                        usage: (["dark"] + Theme.builtInNames).joined(separator: "|"))) { w, args in
            guard let name = args.first else {
                throw CommandError("theme: give one of \((["dark"] + Theme.builtInNames).joined(separator: ", "))")
            }
            try w.switchTheme(name)
        }
        add(CommandSpec("case.select", "select case", help: "Select a case by name.", scope: .global, verbs: ["case"],
                        usage: "NAME")) { w, args in
            guard let name = args.first else { throw CommandError("case: give a case name") }
            guard let i = w.caseList.firstIndex(where: { $0.name == name || $0.name.lowercased() == name.lowercased() }) else {
                throw CommandError("no case named \(name)")
            }
            w.selectCase(i)
        }

        // Lists (whatever pane has the focus)
        add(CommandSpec("list.down", "down", help: "Select the next row.", scope: .global)) { w, _ in w.moveSelection(1) }
        add(CommandSpec("list.up", "up", help: "Select the previous row.", scope: .global)) { w, _ in w.moveSelection(-1) }
        add(CommandSpec("list.pageDown", "page down", help: "Move a page down.", scope: .global)) { w, _ in
            w.moveSelection(max(1, w.height / 2))
        }
        add(CommandSpec("list.pageUp", "page up", help: "Move a page up.", scope: .global)) { w, _ in
            w.moveSelection(-max(1, w.height / 2))
        }
        add(CommandSpec("list.top", "first", help: "Select the first row.", scope: .global)) { w, _ in w.moveSelection(Int.min / 2) }
        add(CommandSpec("list.bottom", "last", help: "Select the last row.", scope: .global)) { w, _ in w.moveSelection(Int.max / 2) }
        add(CommandSpec("item.open", "open", help: "Open the selection: a case's items, an entity's own view, a result's item.",
                        scope: .global, inFooter: true)) { w, _ in w.openSelection() }

        // Search
        add(CommandSpec("search.start", "search", help: "Search names, identifiers and summaries as you type.",
                        scope: .global, inFooter: true, verbs: ["search"], usage: "TEXT")) { w, args in
            if args.isEmpty {
                w.mode = .search(TextField())
            } else {
                w.startSearch(args.joined(separator: " "))
            }
        }
        add(CommandSpec("search.next", "next match", help: "Select the next search match.", scope: .global)) { w, _ in
            w.stepMatch(1)
        }
        add(CommandSpec("search.previous", "previous match", help: "Select the previous search match.", scope: .global)) { w, _ in
            w.stepMatch(-1)
        }

        // Items pane
        add(CommandSpec("items.nextTab", "next list", help: "Show the next list: entities, links, events, sources.",
                        scope: .items, inFooter: true)) { w, _ in w.switchTab(1) }
        add(CommandSpec("items.previousTab", "previous list", help: "Show the previous list.", scope: .items)) { w, _ in
            w.switchTab(-1)
        }
        add(CommandSpec("items.sort", "sort", help: "Sort by the next column (the first press sorts by the first column).",
                        scope: .items, inFooter: true)) { w, _ in w.cycleSort() }
        add(CommandSpec("items.reverse", "reverse", help: "Reverse the sort order.", scope: .items)) { w, _ in
            w.ascending.toggle()
        }
        add(CommandSpec("items.filter", "filter", help: "Keep only rows containing a text (empty clears).", scope: .items,
                        inFooter: true, verbs: ["filter"], usage: "TEXT")) { w, args in
            if args.isEmpty && w.focus == .items && w.mode == .normal {
                w.mode = .filter(TextField(w.filter))
            } else {
                w.filter = args.joined(separator: " ")
                w.itemCursor = ListCursor()
            }
        }

        // Review (items, detail, results, entity view: whatever item is selected)
        add(CommandSpec("review.toggleReviewed", "reviewed", help: "Mark the selected item reviewed (or not).",
                        scope: .global, inFooter: true, verbs: ["reviewed"])) { w, _ in try w.toggleReviewed() }
        add(CommandSpec("review.toggleFlag", "flag", help: "Flag the selected item for attention (or unflag it).",
                        scope: .global, verbs: ["flag"])) { w, _ in try w.toggleFlag() }
        add(CommandSpec("review.tag", "tag", help: "Add a tag to the selected item.", scope: .global, verbs: ["tag"],
                        usage: "TAG")) { w, args in
            if args.isEmpty { w.mode = .prompt(.tag, TextField()) } else { try w.addTag(args.joined(separator: " ")) }
        }
        add(CommandSpec("review.note", "note", help: "Write a note about the selected item.", scope: .global,
                        verbs: ["note"], usage: "TEXT")) { w, args in
            if args.isEmpty { w.mode = .prompt(.note, TextField()) } else { try w.addNote(args.joined(separator: " ")) }
        }
        add(CommandSpec("review.grade", "grade", help: "Grade the selected source or item (Admiralty A1-F6).",
                        scope: .global, verbs: ["grade"], usage: "A1|B2|C3|F6")) { w, args in
            if args.isEmpty { w.mode = .prompt(.grade, TextField()) } else { try w.grade(args[0]) }
        }

        registerAnalysisCommands()
        registerResolutionCommands()
        registerTimelineCommands()
        registerChartCommands()

        // Results pane
        add(CommandSpec("results.close", "close results", help: "Close the results pane.", scope: .results,
                        inFooter: true)) { w, _ in
            w.results = []
            w.resultsTitle = ""
            if w.focus == .results { w.focus = .items }
        }

        // Entity-resolution review
        add(CommandSpec("review.same", "same", help: "Judge the two entities the same real-world thing.", scope: .review,
                        inFooter: true)) { w, _ in try w.judge(.same) }
        add(CommandSpec("review.different", "different", help: "Judge the two entities different.", scope: .review,
                        inFooter: true)) { w, _ in try w.judge(.different) }
        add(CommandSpec("review.unsure", "unsure", help: "Record that you cannot tell yet.", scope: .review)) { w, _ in
            try w.judge(.unsure)
        }
        add(CommandSpec("review.skip", "skip", help: "Go to the next candidate without a verdict.", scope: .review,
                        inFooter: true)) { w, _ in w.skipCandidate() }
        add(CommandSpec("review.close", "stop review", help: "Stop reviewing candidates.", scope: .review,
                        inFooter: true)) { w, _ in w.finishReview() }

        // Entity view
        add(CommandSpec("entity.nextSection", "next section", help: "Move between the entity's contacts, events and links.",
                        scope: .entity, inFooter: true)) { w, _ in w.sheets[w.sheets.count - 1].nextSection() }
    }

    /// The default keys; config.toml's [keys] replace a command's keys.
    func bindDefaultKeys() {
        let bindings: [(String, [String], CommandScope)] = [
            ("app.quit", ["q"], .global), ("app.help", ["?", "f1"], .global), ("app.commandLine", [":"], .global),
            ("app.palette", ["ctrl-p"], .global), ("app.focusNext", ["tab"], .global),
            ("app.focusPrevious", ["shift-tab"], .global), ("app.zoom", ["z"], .global), ("app.back", ["esc"], .global),
            ("pane.cases", ["1"], .global), ("pane.items", ["2"], .global), ("pane.detail", ["3"], .global),
            ("pane.timeline", ["4"], .global), ("pane.chart", ["5"], .global), ("pane.results", ["6"], .global),
            ("timeline.panLeft", ["h", "left"], .timeline), ("timeline.panRight", ["l", "right"], .timeline),
            ("timeline.zoomIn", ["+", "="], .timeline), ("timeline.zoomOut", ["-"], .timeline), ("timeline.fit", ["0"], .timeline),
            ("timeline.nextEvent", [".", ">"], .timeline), ("timeline.previousEvent", [",", "<"], .timeline),
            ("timeline.laneOfSelection", ["L"], .items),
            ("chart.left", ["h", "left"], .chart), ("chart.right", ["l", "right"], .chart), ("chart.up", ["k", "up"], .chart),
            ("chart.down", ["j", "down"], .chart), ("chart.panLeft", ["H"], .chart), ("chart.panRight", ["L"], .chart),
            ("chart.panUp", ["K"], .chart), ("chart.panDown", ["J"], .chart), ("chart.center", ["c"], .chart),
            ("chart.zoomIn", ["+", "="], .chart), ("chart.zoomOut", ["-"], .chart), ("chart.layout", ["v"], .chart),
            ("chart.expand", ["e"], .chart), ("chart.hide", ["x"], .chart), ("chart.showAll", ["X"], .chart),
            ("chart.mark", ["m", "space"], .chart), ("chart.clearMarks", ["M"], .chart), ("chart.connect", ["p"], .chart),
            ("list.down", ["down", "j"], .global), ("list.up", ["up", "k"], .global),
            ("list.pageDown", ["pgdn", "ctrl-d"], .global), ("list.pageUp", ["pgup", "ctrl-u"], .global),
            ("list.top", ["home", "g"], .global), ("list.bottom", ["end", "G"], .global),
            ("item.open", ["enter"], .global), ("search.start", ["/"], .global), ("search.next", ["n"], .global),
            ("search.previous", ["N"], .global),
            ("items.nextTab", ["]", "right"], .items), ("items.previousTab", ["[", "left"], .items),
            ("items.sort", ["s"], .items), ("items.reverse", ["S"], .items), ("items.filter", ["f"], .items),
            ("review.toggleReviewed", ["r"], .global), ("review.toggleFlag", ["!"], .global), ("review.tag", ["t"], .global),
            ("review.note", ["a"], .global), ("review.grade", ["A"], .global),
            ("results.close", ["x"], .results), ("review.resolve", ["E"], .global),
            ("entity.nextSection", ["tab"], .entity),
            ("review.same", ["s", "y"], .review), ("review.different", ["d"], .review), ("review.unsure", ["u"], .review),
            ("review.skip", ["space", "right"], .review), ("review.close", ["esc", "q"], .review),
        ]
        for (id, keys, scope) in bindings {
            precondition(registry.action(id) != nil, "binding for unregistered command \(id)")
            for spec in keys {
                guard let key = Key(spec: spec) else { preconditionFailure("bad default key \(spec)") }
                keymap.bind(key, to: id, in: scope)
            }
        }
    }

    /// Applies config.toml's key overrides: each listed command gets exactly the keys given, in its own scope.
    func applyKeyOverrides(_ overrides: [String: [Key]]) {
        for (id, keys) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let spec = registry.spec(id) else { continue }
            keymap.unbindAll(id, in: spec.scope)
            for key in keys { keymap.bind(key, to: id, in: spec.scope) }
        }
    }

    /// The ids of every registered command (for validating config files).
    public var commandIDs: Set<String> { Set(registry.specs.map(\.id)) }
}
