import ArgumentParser
import DossierModel
import DossierStore

/// Shared pieces of the trust commands.
enum Trust {
    /// The analyst the command acts as, set when the workspace is opened (the CLI runs one command per process).
    nonisolated(unsafe) static var actingAnalyst = ""

    /// Refuses analysts who may not use the workspace at all; remembers who is acting for visibility.
    static func admit(_ ws: Workspace, analyst: String) throws {
        actingAnalyst = analyst
        guard ws.accessPolicy.role(of: analyst) != nil else {
            throw CLIFailure("\(analyst) is not an active analyst of this workspace (a supervisor can add them with `dossier analyst add`)")
        }
    }

    /// The workspace as the acting analyst may see it.
    static func visible(_ ws: Workspace) -> VisibleItems { ws.visibleItems(for: actingAnalyst) }

    /// The ids among `ids` the acting analyst may see.
    static func visibleOnly(_ ids: [ItemID], _ ws: Workspace) -> [ItemID] {
        let v = visible(ws)
        if v.hidden.isEmpty { return ids }
        return ids.filter { v.item($0) != nil }
    }

    /// Records an export in the audit trail before it is written (so no export leaves unrecorded).
    static func recordExport(_ ws: Workspace, format: String, to output: String?, caseID: ItemID?) throws {
        let scope = caseID.flatMap { id in ws.cases.first { $0.meta.id == id }?.name }.map { "case \($0)" } ?? "all visible cases"
        do {
            try ws.recordAudit(AuditEntry(time: .now(), analyst: actingAnalyst, action: .export, cases: caseID.map { [$0] } ?? [],
                                          detail: "export \(format) of \(scope) to \(output ?? "standard output")"))
        } catch let e as StoreError {
            throw CLIFailure("cannot record the export in the audit trail, so nothing was exported: \(e.description)")
        }
    }

    /// Records the opening of a restricted case (every one is audited) and returns the case.
    static func open(_ c: Case, _ ws: Workspace, how: String) throws -> Case {
        do { try ws.recordOpening(of: c, by: actingAnalyst, how: how) } catch let e as StoreError {
            throw CLIFailure("cannot record the opening of restricted case \(c.name) in the audit trail: \(e.description)")
        }
        return c
    }

    /// Throws a clean failure unless the acting analyst holds `role`.
    static func require(_ role: Analyst.Role, _ ws: Workspace, _ analyst: String, to what: String) throws {
        do { try ws.accessPolicy.require(role, analyst, to: what) } catch {
            throw CLIFailure(error.description)
        }
    }

    /// A case the acting analyst may see, by name or id (a restricted case is "not found" to others, never revealed).
    static func visibleCase(_ text: String, _ ws: Workspace, _ analyst: String) throws -> Case {
        let visible = ws.visibleItems(for: analyst)
        if let c = visible.caseNamed(text) { return c }
        if let id = ws.resolve(text), let c = visible.item(id)?.caseValue { return c }
        throw CLIFailure("no case \"\(text)\" (see `dossier case list`)")
    }

    /// An item the acting analyst may see.
    static func visibleItem(_ text: String, _ ws: Workspace, _ analyst: String) throws -> Item {
        let visible = ws.visibleItems(for: analyst)
        let found = ws.candidates(for: text).filter { visible.item($0) != nil }
        if found.count == 1, let item = visible.item(found[0]) { return item }
        if found.isEmpty { throw CLIFailure("no item \"\(text)\" (give an id, an id prefix of 4+ characters, or an exact name)") }
        throw CLIFailure("\"\(text)\" is ambiguous: \(found.count) matches (\(found.prefix(5).map(\.description).joined(separator: ", ")))")
    }

    /// A request by full id or unique id prefix (4+ characters).
    static func request(_ text: String, in requests: [InformationRequest]) throws -> InformationRequest {
        let t = text.lowercased()
        if let id = ItemID(t), let r = requests.first(where: { $0.id == id }) { return r }
        let matches = t.count >= 4 ? requests.filter { $0.id.description.hasPrefix(t) } : []
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw CLIFailure("no request \"\(text)\" (see `dossier requests list`)") }
        throw CLIFailure("request \"\(text)\" is ambiguous: \(matches.count) matches")
    }

    static func storeFailure(_ body: () throws -> Void) throws {
        do { try body() } catch let e as StoreError { throw CLIFailure(e.description) }
    }

    /// Parses a handling code as analysts write it, with a clear error listing the valid forms.
    static func handling(_ text: String, conditions: String, option: String) throws -> HandlingCode {
        guard let h = HandlingCode(text, conditions: conditions) else {
            throw CLIFailure("\(option) \"\(text)\": not a handling code (Europol H0-H3, 3x5x2:P or 3x5x2:C, TLP:CLEAR, TLP:GREEN, "
                             + "TLP:AMBER, TLP:AMBER+STRICT, TLP:RED)", exitCode: 2)
        }
        if (h.code == "H3" || (h.scheme == .uk3x5x2 && h.code == "C")) && conditions.allSatisfy(\.isWhitespace) {
            throw CLIFailure("\(h.description) needs its conditions: pass --conditions \"...\"", exitCode: 2)
        }
        return h
    }
}

extension InformationRequest.PurposeKind: ExpressibleByArgument {}
extension InformationRequest.Direction: ExpressibleByArgument {}
extension InformationRequest.Status: ExpressibleByArgument {}
extension Analyst.Role: ExpressibleByArgument {}
