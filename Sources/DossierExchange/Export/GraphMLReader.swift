/// A small reader for the GraphML Dossier writes (and the common subset others write): nodes and edges with their
/// `<data key=...>` values. Used to check exports and to import graphs from yEd or Gephi.
public struct GraphMLGraph: Sendable {
    public struct Node: Sendable { public var id: String; public var data: [String: String] }
    public struct Edge: Sendable { public var id: String; public var source: String; public var target: String; public var data: [String: String] }
    public var nodes: [Node] = []
    public var edges: [Edge] = []
}

public enum GraphMLReader {
    public static func parse(_ text: String) throws -> GraphMLGraph {
        var g = GraphMLGraph()
        var s = Substring(text)
        var currentNode: GraphMLGraph.Node?
        var currentEdge: GraphMLGraph.Edge?
        while let lt = s.firstIndex(of: "<") {
            s = s[lt...]
            guard let gt = s.firstIndex(of: ">") else { throw ExchangeError(file: "graphml", "unterminated tag") }
            let tag = s[s.index(after: s.startIndex)..<gt]
            s = s[s.index(after: gt)...]
            let selfClosing = tag.hasSuffix("/")
            let name = tag.prefix { $0 != " " && $0 != "/" && $0 != ">" }
            let attrs = attributes(tag)
            switch name {
            case "node":
                currentNode = GraphMLGraph.Node(id: attrs["id"] ?? "", data: [:])
                if selfClosing { g.nodes.append(currentNode!); currentNode = nil }
            case "edge":
                currentEdge = GraphMLGraph.Edge(id: attrs["id"] ?? "", source: attrs["source"] ?? "", target: attrs["target"] ?? "", data: [:])
                if selfClosing { g.edges.append(currentEdge!); currentEdge = nil }
            case "data":
                guard let end = s.range(of: "</data>") else { throw ExchangeError(file: "graphml", "unterminated <data>") }
                let value = unescape(String(s[..<end.lowerBound]))
                s = s[end.upperBound...]
                if let key = attrs["key"] {
                    if currentEdge != nil { currentEdge!.data[key] = value } else if currentNode != nil { currentNode!.data[key] = value }
                }
            default:
                if tag == "/node", let n = currentNode { g.nodes.append(n); currentNode = nil }
                if tag == "/edge", let e = currentEdge { g.edges.append(e); currentEdge = nil }
            }
        }
        return g
    }

    static func attributes(_ tag: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var rest = tag
        while let eq = rest.range(of: "=\"") {
            let key = rest[..<eq.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            let after = rest[eq.upperBound...]
            guard let close = after.firstIndex(of: "\"") else { break }
            out[key] = unescape(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingAll("&lt;", "<").replacingAll("&gt;", ">").replacingAll("&quot;", "\"").replacingAll("&apos;", "'")
            .replacingAll("&amp;", "&")
    }
}

extension String {
    func replacingAll(_ a: String, _ b: String) -> String {
        guard !a.isEmpty, contains(a) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound]
            out += b
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
