import ArgumentParser
import DossierModel
import DossierStore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List items (entities, links, events, ...).")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Only this case.") var caseName: String?
    @Option(help: "Only this kind: entity, link, event, source, note, ... or a finer kind (person, phone, call, owns, ...).")
    var kind: String?
    @Flag(help: "Print a JSON array of objects with id, kind, name, type and cases.") var json = false

    func run() throws {
        let workspace = try global.openWorkspace(.readOnly)
        defer { workspace.close() }
        let caseID = try caseName.map { try Trust.open(workspace.requireCase($0), workspace, how: "list").meta.id }
        let ws = Trust.visible(workspace)  // trust: only what the acting analyst may see
        let wanted = kind?.lowercased()
        var kinds: [ItemKind] = [.entity, .link, .event, .source, .note, .judgement]
        if let wanted, let k = ItemKind(rawValue: wanted) { kinds = [k] }
        let fine = wanted.flatMap { ItemKind(rawValue: $0) == nil ? $0 : nil }
        var items: [Item] = []
        for k in kinds {
            ws.forEach(k, inCase: caseID) { item in
                if fine == nil || item.subkind == fine { items.append(item) }
                return true
            }
        }
        if json {
            print(StoreJSON.array(items.map { ItemPresentation.summaryJSON($0, ws) }).rendered())
            return
        }
        if items.isEmpty { print("No items."); return }
        var t = StoreTable(["ID", "KIND", "NAME", "CASES"])
        for item in items {
            t.add([item.id.description, item.subkind, item.displayName,
                   ItemPresentation.caseNames(item.meta.cases, ws).joined(separator: ",")])
        }
        print(t.rendered())
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one item in full.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Id, unique id prefix (4+ characters) or exact name.", valueName: "id")) var id: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ws = try global.openWorkspace(.readOnly)
        defer { ws.close() }
        let found = try ws.require(id)
        guard let item = ws.item(found) else { throw CLIFailure("item \(found) cannot be read (run `dossier fsck`)") }
        print(json ? ItemPresentation.fullJSON(item, ws).rendered() : ItemPresentation.card(item, ws))
    }
}
