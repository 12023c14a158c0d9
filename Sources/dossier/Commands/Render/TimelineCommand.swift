import ArgumentParser
import DossierModel
import DossierRender
import DossierStore

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw a timeline: one lane per entity, calls and transfers between lanes, a histogram of events.",
        discussion: """
            Without --entity, the entities with the most events get lanes (see --lanes). Events known only to the day \
            or month are drawn as spans; crowded columns show counts or a density shade.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var drawing: DrawingOptions
    @Option(name: .customLong("case"), help: "Only events of this case.") var caseName: String?
    @Option(name: .customLong("entity"), help: ArgumentHelp("A lane for this entity (id, id prefix or name); repeatable.",
                                                              valueName: "id"))
    var entities: [String] = []
    @Option(help: ArgumentHelp("Start of the time shown (ISO 8601, e.g. 2024-03-01 or 2024-03-01T09:00:00Z).", valueName: "time"))
    var from: String?
    @Option(help: ArgumentHelp("End of the time shown; a date or month includes all of it.", valueName: "time"))
    var to: String?
    @Option(help: ArgumentHelp("Most lanes chosen automatically (1-200).", valueName: "n")) var lanes = 12

    func run() throws {
        let width = try drawing.resolvedWidth()
        let offset = try drawing.offsetMinutes()
        guard (1...200).contains(lanes) else { throw CLIFailure("--lanes \(lanes): must be 1-200", exitCode: 2) }
        // Times without an offset are read in the --tz zone, like the axis.
        func time(_ text: String, _ option: String) throws -> TimePoint {
            guard let t = TimePoint.parse(text, defaultOffsetMinutes: Int16(offset)) else {
                throw CLIFailure("\(option) \"\(text)\": not an ISO 8601 time (e.g. 2024-03-01T14:05:00Z, 2024-03-01, 2024)",
                                 exitCode: 2)
            }
            return t
        }
        let fromTime = try from.map { try time($0, "--from") }
        let toTime = try to.map { try time($0, "--to") }
        let ws = try global.openWorkspace(.readOnly)
        defer { ws.close() }
        let caseItem = try caseName.map { try ws.requireCase($0) }
        let ids = try entities.map { try ws.require($0, what: "entity") }
        for id in ids where ws.entity(id) == nil { throw CLIFailure("\(id) is not an entity") }
        var range: ClosedRange<Int64>?
        if fromTime != nil || toTime != nil {
            let lo = fromTime?.interval.lowerBound ?? Int64.min / 4
            let hi = toTime?.interval.upperBound ?? Int64.max / 4
            guard lo <= hi else { throw CLIFailure("--from is after --to", exitCode: 2) }
            range = lo...hi
        }
        let data = TimelineData.build(from: ws, caseID: caseItem?.meta.id, entities: ids, range: range, maxLanes: lanes)
        if let r = range, fromTime == nil || toTime == nil {
            // One end open: it stops at the data (or a day from the given end when nothing is there).
            let day: Int64 = 86_400_000_000
            let lo = fromTime == nil ? (data.extent?.lowerBound ?? r.upperBound - day) : r.lowerBound
            let hi = toTime == nil ? (data.extent?.upperBound ?? r.lowerBound + day) : r.upperBound
            range = lo < hi ? lo...hi : lo...(lo + day)
        }
        let title = caseItem.map { "Timeline of \($0.name)" } ?? "Timeline"
        let view = TimelineView(data: data, range: range, offsetMinutes: offset, title: title)
        let canvas = view.rendered(width: width, height: view.preferredHeight,
                                   context: RenderContext(theme: .plain, glyphs: drawing.glyphs))
        print(canvas.text(), terminator: "")
    }
}
