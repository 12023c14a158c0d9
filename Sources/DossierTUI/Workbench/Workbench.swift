import DossierModel
import DossierRender

/// What the keyboard is typing into, if anything other than commands.
public enum InputMode: Sendable, Equatable {
    case normal
    case commandLine(TextField)
    case search(TextField)
    case filter(TextField)
    case prompt(Prompt, TextField)
    case palette(TextField, ListCursor)
    case help(top: Int)
}

/// A question the workbench asks in the status line before a review action.
public enum Prompt: String, Sendable, Equatable {
    case tag, note, grade

    public var label: String {
        switch self {
        case .tag: "tag"
        case .note: "note"
        case .grade: "grade (A1-F6)"
        }
    }
}

/// One line of an analysis result; `item` lets Enter select the item it names.
public struct ResultLine: Sendable, Equatable {
    public var text: String
    public var item: ItemID?
    public init(_ text: String, item: ItemID? = nil) {
        self.text = text
        self.item = item
    }
}

/// The whole interactive state of the workbench, driven by command ids and drawn into a canvas. It never touches the
/// terminal: `WorkbenchApp` feeds it keys and flushes its frames; tests drive it headlessly.
public final class Workbench {
    public let store: any WorkbenchStore
    public let analyst: String
    public internal(set) var registry = CommandRegistry<Workbench>()
    public internal(set) var keymap = KeyMap()
    public internal(set) var styles: Styles
    /// The theme in use, resolved for the terminal's colours; `styles` and the chart and timeline palettes come from it.
    public internal(set) var theme: Theme
    public internal(set) var themeName: String
    /// What the terminal shows (ncurses' colour count and COLORTERM), for resolving themes switched live.
    public let capability: ColorCapability
    /// The process environment (XDG_CONFIG_HOME for user themes, NO_COLOR).
    let environment: [String: String]
    public let glyphs: GlyphSet
    /// The clock for review actions; tests pass a fixed one.
    let now: () -> TimePoint

    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var focus: PaneID = .cases
    public internal(set) var zoomed = false
    public internal(set) var mode: InputMode = .normal
    public internal(set) var quitRequested = false

    // Cases pane
    public internal(set) var caseList: [Case] = []
    var caseCursor = ListCursor()
    // Items pane
    public internal(set) var tab: ItemTab = .entities
    var itemCursor = ListCursor()
    public internal(set) var sortColumn: Int?
    public internal(set) var ascending = true
    public internal(set) var filter = ""
    var tableCache: ItemTable?
    var pendingTableKey: ItemTableKey?
    /// An item to select once its (large) list has been built.
    var pendingReveal: ItemID?
    // Detail pane
    var detailTop = 0
    var cardCache: (ItemID, UInt64, [CardLine])?
    // Timeline pane
    var timelineModel: TimelineModel?
    var pendingTimelineKey: TimelineModel.Key?
    public internal(set) var timelineRange: ClosedRange<Int64>?
    public internal(set) var timelineSelected: Int?
    public internal(set) var timelineLanes: [ItemID] = []
    // Link chart pane (the entity view keeps its own in its sheet)
    public internal(set) var mainChart = ChartPaneState()
    var mainChartSource: ChartSource?
    /// The chart drawn last, whole, so a frame only copies the visible part.
    var chartDrawing: (ChartDrawingKey, Canvas)?
    /// The timeline plot drawn last.
    var timelineDrawing: (TimelineDrawingKey, Canvas)?
    // Search
    public internal(set) var searchQuery = ""
    public internal(set) var matches: [ItemID] = []
    public internal(set) var matchIndex = 0
    // Results pane
    public internal(set) var resultsTitle = ""
    public internal(set) var results: [ResultLine] = []
    var resultsCursor = ListCursor()
    // Drill-down
    public internal(set) var sheets: [EntitySheet] = []
    // Entity-resolution review, when one is open
    public internal(set) var review: ReviewSheet?
    // Status line
    public internal(set) var status = ""
    public internal(set) var statusIsError = false
    var jobs = JobRunner()
    var countCache: (version: UInt64, counts: [ItemCountKey: Int]) = (0, [:])

    public init(store: any WorkbenchStore, analyst: String, width: Int, height: Int, unicode: Bool = true,
                config: UserConfig = UserConfig(), colors: Bool = true, capability: ColorCapability = .palette256,
                themeRequest: String? = nil, environment: [String: String] = [:],
                now: @escaping () -> TimePoint = { .now() }) {
        self.store = store
        self.analyst = analyst
        self.width = width
        self.height = height
        self.glyphs = unicode ? .unicode : .ascii
        self.now = now
        self.environment = environment
        self.capability = colors ? capability : .none
        let loaded = Workbench.loadTheme(requested: themeRequest, config: config, environment: environment,
                                         capability: self.capability)
        theme = loaded.theme
        themeName = loaded.theme.name
        styles = Styles(theme: loaded.theme)
        registerCommands()
        bindDefaultKeys()
        applyKeyOverrides(config.keys)
        reloadCases()
        if !loaded.warnings.isEmpty { setError(loaded.warnings.joined(separator: "; ")) }
    }

    /// The theme to draw with: `--theme`, else DOSSIER_THEME, else config.toml's `theme`, else the default; a name
    /// is a built-in theme ("dark" and "mono" are short for default and monochrome) or a file in
    /// `$XDG_CONFIG_HOME/dossier/themes/`. NO_COLOR and colourless terminals get the monochrome theme.
    static func loadTheme(requested: String?, config: UserConfig, environment: [String: String],
                          capability: ColorCapability) -> (theme: Theme, warnings: [String]) {
        if capability == .none { return (.monochrome, []) }
        let wanted = [requested, environment["DOSSIER_THEME"], config.theme].compactMap { $0 }.first { !$0.isEmpty }
        var env = environment
        env["DOSSIER_THEME"] = nil
        let loaded = ThemeLoader.load(requested: wanted.map(Styles.themeName), environment: env, capability: capability)
        return (loaded.theme, loaded.warnings)
    }

    // MARK: Data

    public var selectedCase: Case? {
        caseList.indices.contains(caseCursor.selected) ? caseList[caseCursor.selected] : nil
    }

    func reloadCases() {
        let previous = selectedCase?.meta.id
        caseList = store.cases
        if let p = previous, let i = caseList.firstIndex(where: { $0.meta.id == p }) { caseCursor.selected = i }
        caseCursor.clamp(count: caseList.count)
    }

    /// How many items of a kind a case holds, counted once per store version: counting a case's items walks its
    /// members (a million for a large case), and every frame asks for the tab strip's four counts.
    func itemCount(_ kind: ItemKind, inCase caseID: ItemID?) -> Int {
        if countCache.version != store.version { countCache = (store.version, [:]) }
        let key = ItemCountKey(kind: kind, caseID: caseID)
        if let n = countCache.counts[key] { return n }
        let n = store.count(kind, inCase: caseID)
        countCache.counts[key] = n
        return n
    }

    /// Lists longer than this are built in the background so a keystroke never waits for them.
    var synchronousTableLimit = 20_000

    var wantedTableKey: ItemTableKey {
        ItemTableKey(tab: tab, caseID: selectedCase?.meta.id, sortColumn: sortColumn ?? -1, ascending: ascending, filter: filter)
    }

    /// The rows of the items pane, rebuilt only when the case, tab, sort, filter or data changed. A long list is built
    /// in the background: until it is ready the pane shows the previous rows of the same list (after a commit) or a
    /// loading line.
    public var table: ItemTable {
        let key = wantedTableKey
        let large = itemCount(tab.kind, inCase: key.caseID) > synchronousTableLimit
        if let t = tableCache, t.key == key {
            if t.version == store.version { return t }
            if large {
                startTableJob(key)
                return t
            }
        }
        if large {
            startTableJob(key)
            return ItemTable(loading: key)
        }
        let t = ItemTable(reader: store, key: key)
        tableCache = t
        itemCursor.clamp(count: t.rows.count)
        return t
    }

    private func startTableJob(_ key: ItemTableKey) {
        if pendingTableKey == key && jobs.running.contains(where: { $0.kind == .table }) { return }
        pendingTableKey = key
        let store = self.store
        jobs.start("loading \(key.tab.rawValue)", kind: .table) { job in
            let t = ItemTable(reader: store, key: key, job: job)
            return job.isCancelled ? nil : .table(t)
        }
    }

    /// The item the detail pane shows: the selected row of the focused list.
    public var selectedItem: Item? {
        if let sheet = sheets.last { return sheet.selectedItem(store) }
        if focus == .results, results.indices.contains(resultsCursor.selected), let id = results[resultsCursor.selected].item {
            return store.item(id)
        }
        if focus == .cases { return selectedCase.map(Item.case) }
        if focus == .timeline { return selectedTimelineEvent.flatMap { store.item($0) } }
        if focus == .chart { return mainChart.selected.flatMap { store.item($0) } }
        let rows = table.rows
        guard rows.indices.contains(itemCursor.selected) else { return nil }
        return store.item(rows[itemCursor.selected])
    }

    // MARK: Status

    func say(_ message: String) {
        status = message
        statusIsError = false
    }

    func setError(_ message: String) {
        status = message
        statusIsError = true
    }

    // MARK: Panes

    /// The panes the main layout has now.
    public var panes: [PaneID] {
        var p: [PaneID] = [.cases, .items, .detail, .timeline, .chart]
        if !results.isEmpty || !resultsTitle.isEmpty { p.append(.results) }
        return p
    }

    func focus(_ pane: PaneID) {
        guard panes.contains(pane) else {
            setError("no \(pane.title.lowercased()) pane")
            return
        }
        focus = pane
    }

    /// The scopes whose key bindings apply now, most specific first.
    public var activeScopes: [CommandScope] {
        if review != nil { return [.review] }
        if let sheet = sheets.last { return sheet.scope == .entity ? [.entity] : [sheet.scope, .entity] }
        return [focus.scope]
    }

    // MARK: Running commands

    /// Runs a command by id with arguments, as a key, the `:` line, the palette or a scripted session would.
    public func run(_ id: String, _ arguments: [String] = []) {
        guard let action = registry.action(id) else {
            setError("no command \(id)")
            return
        }
        syncMainChart()
        do {
            try action(self, arguments)
        } catch let error as CommandError {
            setError(error.message)
        } catch {
            setError("\(id): \(error)")
        }
    }

    /// Runs a `:` command line: the first word names the command (verb or id), the rest are its arguments.
    public func runLine(_ line: String) {
        let words = CommandLineWords.split(line)
        guard let first = words.first else { return }
        guard let spec = registry.resolve(first) else {
            setError("unknown command \(first) (Tab completes, ? lists commands)")
            return
        }
        run(spec.id, Array(words.dropFirst()))
    }

    /// Handles one key press in the current mode.
    public func handle(_ key: Key) {
        if key == .resize { return }
        switch mode {
        case .normal:
            if let id = keymap.command(for: key, in: activeScopes) { run(id) }
        case .commandLine(var field):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                runLine(field.text)
            case .tab:
                field.text = completeCommandLine(field.text)
                mode = .commandLine(field)
            default:
                if field.edit(key) { mode = .commandLine(field) }
            }
        case .search(var field):
            switch key {
            case .escape:
                mode = .normal
                jobs.cancel(kind: .search)
            case .enter:
                mode = .normal
                if matches.isEmpty && !field.text.isEmpty { say("no match for \(field.text)") }
            default:
                if field.edit(key) {
                    mode = .search(field)
                    startSearch(field.text)
                }
            }
        case .filter(var field):
            switch key {
            case .escape:
                mode = .normal
            case .enter:
                mode = .normal
                filter = field.text
                itemCursor = ListCursor()
                say(filter.isEmpty ? "filter cleared" : "\(table.rows.count) \(tab.rawValue) match \"\(filter)\"")
            default:
                if field.edit(key) { mode = .filter(field) }
            }
        case .prompt(let prompt, var field):
            switch key {
            case .escape: mode = .normal
            case .enter:
                mode = .normal
                answer(prompt, field.text)
            default:
                if field.edit(key) { mode = .prompt(prompt, field) }
            }
        case .palette(var field, var cursor):
            let found = registry.matching(field.text)
            switch key {
            case .escape: mode = .normal
            case .up: cursor.move(-1, count: found.count); mode = .palette(field, cursor)
            case .down: cursor.move(1, count: found.count); mode = .palette(field, cursor)
            case .enter:
                mode = .normal
                if found.indices.contains(cursor.selected) { run(found[cursor.selected].id) }
            default:
                if field.edit(key) {
                    cursor = ListCursor()
                    mode = .palette(field, cursor)
                }
            }
        case .help(let top):
            switch key {
            case .down, .char("j"): mode = .help(top: top + 1)
            case .up, .char("k"): mode = .help(top: max(0, top - 1))
            case .pageDown, .char(" "): mode = .help(top: top + max(1, height - 4))
            case .pageUp: mode = .help(top: max(0, top - max(1, height - 4)))
            default: mode = .normal
            }
        }
    }

    /// Completes the command word, or a command's argument from its usage ("dark|light|mono").
    func completeCommandLine(_ text: String) -> String {
        let words = CommandLineWords.split(text)
        let endsWithSpace = text.last == " "
        if words.count <= 1 && !endsWithSpace {
            let options = registry.completions(words.first ?? "")
            return completion(of: words.first ?? "", among: options).map { $0 + (options.count == 1 ? " " : "") } ?? text
        }
        guard let spec = registry.resolve(words[0]) else { return text }
        let partial = endsWithSpace ? "" : (words.last ?? "")
        let choices = spec.usage.split(separator: "|").map(String.init).filter { !$0.contains(" ") }
        guard let done = completion(of: partial, among: choices.filter { $0.hasPrefix(partial) }) else { return text }
        let head = endsWithSpace ? text : String(text.dropLast(partial.count))
        return head + done
    }

    /// The longest common prefix of the options that start with `prefix`, or nil when none does.
    private func completion(of prefix: String, among options: [String]) -> String? {
        guard var common = options.first else { return nil }
        for option in options.dropFirst() {
            while !option.hasPrefix(common) { common.removeLast() }
        }
        return common.count >= prefix.count ? common : prefix
    }

    /// Called by the app loop between keys: picks up finished background work.
    /// Returns whether anything changed.
    @discardableResult public func poll() -> Bool {
        let outcomes = jobs.collect()
        for outcome in outcomes { apply(outcome) }
        return !outcomes.isEmpty
    }

    /// Waits for every background job and applies its outcome (scripted sessions and tests stay deterministic).
    public func settle() {
        for outcome in jobs.waitForAll() { apply(outcome) }
    }

    /// Cancels all background work (before quitting).
    public func cancelJobs() { jobs.cancelAll() }

    public var isBusy: Bool { jobs.active != nil }

    public func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

struct ItemCountKey: Hashable {
    var kind: ItemKind
    var caseID: ItemID?
}

/// Splits a command line into words; double quotes keep spaces ("Ivan Petrov").
enum CommandLineWords {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var has = false
        for c in line {
            if c == "\"" {
                quoted.toggle()
                has = true
            } else if c == " " && !quoted {
                if has { words.append(current) }
                current = ""
                has = false
            } else {
                current.append(c)
                has = true
            }
        }
        if has { words.append(current) }
        return words
    }
}
