/// A report as structure (headings, paragraphs, tables, preformatted drawings), written out as Markdown or HTML
/// by `ReportWriter`: both formats come from the same document, so they always carry the same content.
public struct ReportDocument: Hashable, Sendable {
    public enum Block: Hashable, Sendable {
        case heading(level: Int, text: String)
        case paragraph(String)
        /// "Label: value" lines.
        case facts([Fact])
        case table(header: [String], rows: [[String]])
        /// A text drawing (timeline, chart) kept exactly as drawn.
        case preformatted(String)
        case bullets([String])
    }

    public struct Fact: Hashable, Sendable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }
}

public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown = "md", html
}

/// Writes a `ReportDocument` as Markdown (readable as plain text) or as a self-contained HTML page.
public enum ReportWriter {
    public static func write(_ doc: ReportDocument, as format: ReportFormat) -> String {
        switch format {
        case .markdown: return markdown(doc)
        case .html: return html(doc)
        }
    }

    // MARK: Markdown

    public static func markdown(_ doc: ReportDocument) -> String {
        var out = "# " + mdInline(doc.title) + "\n"
        for block in doc.blocks {
            out += "\n"
            switch block {
            case .heading(let level, let text):
                out += String(repeating: "#", count: min(6, max(2, level))) + " " + mdInline(text) + "\n"
            case .paragraph(let text):
                out += mdInline(text) + "\n"
            case .facts(let facts):
                for f in facts { out += "- **" + mdInline(f.label) + ":** " + mdInline(f.value) + "\n" }
            case .bullets(let items):
                for i in items { out += "- " + mdInline(i) + "\n" }
            case .table(let header, let rows):
                out += "| " + header.map(mdCell).joined(separator: " | ") + " |\n"
                out += "|" + header.map { _ in "---|" }.joined() + "\n"
                for r in rows {
                    let cells = (0..<header.count).map { $0 < r.count ? mdCell(r[$0]) : "" }
                    out += "| " + cells.joined(separator: " | ") + " |\n"
                }
            case .preformatted(let text):
                // A fence longer than any backtick run inside keeps the drawing verbatim.
                var fence = "```"
                while text.contains(fence) { fence += "`" }
                out += fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
            }
        }
        return out
    }

    /// Escapes Markdown syntax (and raw HTML) in running text; newlines become spaces.
    static func mdInline(_ s: String) -> String {
        var out = ""
        for (i, ch) in s.enumerated() {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out += "\\" + String(ch)
            case "#" where i == 0: out += "\\#"
            case "\n", "\r", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func mdCell(_ s: String) -> String { s.isEmpty ? " " : mdInline(s) }

    // MARK: HTML

    public static func html(_ doc: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(doc.title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
            table { border-collapse: collapse; margin: 0.5rem 0; }
            th, td { border: 1px solid #d0d4da; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #f0f2f5; }
            pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; line-height: 1.2; }
            </style>
            </head>
            <body>
            <h1>\(escape(doc.title))</h1>

            """
        for block in doc.blocks {
            switch block {
            case .heading(let level, let text):
                let l = min(6, max(2, level))
                out += "<h\(l)>\(escape(text))</h\(l)>\n"
            case .paragraph(let text):
                out += "<p>\(escape(text))</p>\n"
            case .facts(let facts):
                out += "<ul>\n"
                for f in facts { out += "<li><strong>\(escape(f.label)):</strong> \(escape(f.value))</li>\n" }
                out += "</ul>\n"
            case .bullets(let items):
                out += "<ul>\n" + items.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let header, let rows):
                out += "<table>\n<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for r in rows {
                    out += "<tr>" + (0..<header.count).map { "<td>\(escape($0 < r.count ? r[$0] : ""))</td>" }.joined()
                        + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            case .preformatted(let text):
                out += "<pre>\(escape(text.hasSuffix("\n") ? String(text.dropLast()) : text))</pre>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
