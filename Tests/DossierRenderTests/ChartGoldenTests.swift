import Testing
import DossierModel
@testable import DossierRender

/// Exact screens of each layout on small fixed graphs, with CJK and emoji labels and the ASCII glyph set.
@Suite struct ChartGoldenTests {
    /// Five entities with wide labels: CJK (2 columns each), an emoji, accents; a call counted 14 times.
    static var wide: ChartGraph {
        let n = [
            ChartFixtures.node(0, "李小龍", .person), ChartFixtures.node(1, "📞 burner", .phone),
            ChartFixtures.node(2, "Café Noir", .company), ChartFixtures.node(3, "Müller", .person),
            ChartFixtures.node(4, "東京都新宿区西新宿二丁目", .address),
        ]
        let e = [
            ChartFixtures.edge(0, 1, directed: true, "call", count: 14), ChartFixtures.edge(3, 1, directed: true, "call"),
            ChartFixtures.edge(0, 2, "owns"), ChartFixtures.edge(3, 2, "director-of"), ChartFixtures.edge(0, 4, "located-at"),
        ]
        return ChartGraph(nodes: n, edges: e)
    }

    typealias Case = (String, ChartGraph, ChartLayoutStyle, ChartZoom, Bool, Int, Int?)
    static let cases: [Case] = [
        ("hierarchical-tree", ChartFixtures.tree, .hierarchical, .full, false, 100, nil),
        ("hierarchical-wide", wide, .hierarchical, .full, false, 100, nil),
        ("hierarchical-wide-ascii", wide, .hierarchical, .full, true, 100, nil),
        ("force-k4", ChartFixtures.k4, .force, .full, false, 100, nil),
        ("circular-wide", wide, .circular, .full, false, 100, nil),
        ("radial-tree-ascii", ChartFixtures.tree, .radial, .short, true, 100, nil),
        ("grouped-three", ChartFixtures.threeCases, .grouped, .full, false, 110, nil),
        ("dots-k4", ChartFixtures.k4, .force, .dots, false, 100, nil),
        ("summarised-tree", ChartFixtures.tree, .hierarchical, .full, false, 40, 12),
    ]

    static func screen(_ name: String) -> [String] {
        guard let c = cases.first(where: { $0.0 == name }) else { return [] }
        let layout = ChartLayoutEngine.layout(c.1, options: ChartLayoutOptions(style: c.2, zoom: c.3, ascii: c.4),
                                              size: ChartSize(width: c.5, height: c.6))
        return ChartRenderer.text(layout, glyphs: c.4 ? .ascii : .unicode, width: c.5)
    }

    @Test func hierarchicalTree() {
        #expect(ChartGoldenTests.screen("hierarchical-tree") == [
            "                               ┌──────┐",
            "                      ┌────────┤☺ Boss├────────┐",
            "                      │        └┬─────┘        │",
            "                      │         │              │",
            "                      │         │              │",
            "                      ▼         ▼              ▼",
            "             ┌─────────┐     ┌──────────┐     ┌─────────┐",
            "       ┌─────┤☺ Lt Anna│     │☺ Lt Boris│     │☺ Lt Chen├─────┐",
            "       │     └┬────────┘     └┬───────┬─┘     └───┬─────┘     │",
            "       │      │               │       │           │           │",
            "       │      │               │       │           │           │",
            "       │      │               │       │           │           │",
            "       ▼      ▼               ▼       ▼           ▼           ▼",
            "┌───────┐   ┌───────┐   ┌───────┐    ┌───────┐   ┌───────┐   ┌───────┐",
            "│☺ Run 1│   │☺ Run 2│   │☺ Run 3│    │☺ Run 4│   │☺ Run 5│   │☺ Run 6│",
            "└───────┘   └───────┘   └───────┘    └───────┘   └───────┘   └───────┘",
        ])
    }

    @Test func hierarchicalWide() {
        #expect(ChartGoldenTests.screen("hierarchical-wide") == [
            "       ┌────────┐",
            " ┌─────┤☺ 李小龍├──┐",
            " │     └┬───────┘  │",
            " │      │          │",
            " │      │          │",
            " │      │          │",
            " │┌─────┴─────┐   ┌┴──────────────────┐",
            " ││▣ Café Noir│   │⌂ 東京都新宿区西新…│",
            " │└────┬──────┘   └───────────────────┘",
            " │     │",
            " │     │",
            " │    ┌┴───────┐",
            " │    │☺ Müller│",
            " │    └┬───────┘",
            " │     │",
            " ▼     ▼",
            "┌───────────┐",
            "│☎ 📞 burner│",
            "└───────────┘",
        ])
    }

    @Test func hierarchicalWideAscii() {
        #expect(ChartGoldenTests.screen("hierarchical-wide-ascii") == [
            "       +--------+",
            " +-----+P 李小龍+--+",
            " |     ++-------+  |",
            " |      |          |",
            " |      |          |",
            " |      |          |",
            " |+-----+-----+   ++------------------+",
            " ||C Café Noir|   |H 東京都新宿区西新~|",
            " |+----+------+   +-------------------+",
            " |     |",
            " |     |",
            " |    ++-------+",
            " |    |P Müller|",
            " |    ++-------+",
            " |     |",
            " v     v",
            "+-----------+",
            "|T 📞 burner|",
            "+-----------+",
        ])
    }

    @Test func forceK4() {
        #expect(ChartGoldenTests.screen("force-k4") == [
            "           ┌─────┐",
            "     ┌─────┤☺ Dee├──────┐",
            "     │     └┬────┘      │",
            "     │      │           │",
            "     │      │           │",
            "┌────┴┐    ┌┴────┐      │",
            "│☺ Ben├────┤☺ Ana├─────┐│",
            "└────┬┘    └─────┘     ││",
            "     │                 ││",
            "     │                 ││",
            "     │                ┌┴┴──┐",
            "     └────────────────┤☺ Cy│",
            "                      └────┘",
        ])
    }

    @Test func circularWide() {
        #expect(ChartGoldenTests.screen("circular-wide") == [
            "                  ┌────────┐",
            "           ┌──────┤☺ 李小龍├───────┐",
            "           │      └┬───────┘       │",
            "           │       │               │",
            "           │       │               │",
            "┌──────────┴┐      │              ┌┴──────────────────┐",
            "│▣ Café Noir│      │              │⌂ 東京都新宿区西新…│",
            "└─┬─────────┘      │              └───────────────────┘",
            "  │                │",
            "  │                ▼",
            " ┌┴───────┐      ┌───────────┐",
            " │☺ Müller├─────▶│☎ 📞 burner│",
            " └────────┘      └───────────┘",
        ])
    }

    @Test func radialTreeAscii() {
        #expect(ChartGoldenTests.screen("radial-tree-ascii") == [
            "              +-------+                      +-------+",
            "              |P Run 6|                      |P Run 1|",
            "              +-------+                      +-------+",
            "               ^                              ^",
            "               |                              |",
            "             +-+-------+                    +-+-------+",
            "       +-----+P Lt Chen|<------+    +------>|P Lt Anna+-----+",
            "       |     +---------+       |    |       +---------+     |",
            "       |                       |    |                       |",
            "       v                       |    |                       v",
            "+-------+                     ++----++                     +-------+",
            "|P Run 5|                     |P Boss|                     |P Run 2|",
            "+-------+                     ++-----+                     +-------+",
            "                               |",
            "                               v",
            "                            +----------+",
            "                     +------+P Lt Boris+------+",
            "                     |      +----------+      |",
            "                     |                        |",
            "                     v                        v",
            "              +-------+                      +-------+",
            "              |P Run 4|                      |P Run 3|",
            "              +-------+                      +-------+",
        ])
    }

    @Test func groupedThree() {
        #expect(ChartGoldenTests.screen("grouped-three") == [
            "                      ┌───────────────paid ×3────────────────┐",
            "  drugs (4)           │ cyber (3)              fraud (3)     │",
            "                      │                                      │",
            "  ┌─────────────┐     │ ┌──────────────┐         ┌──────────┐│",
            "  │▭ Fiat Ducato│     │ │◈ evil.example│     ┌───┤▣ Shell BV││",
            "  └┬────────────┘     │ └┬─────────────┘     │   └┬─────────┘│",
            "   │                  │  │                   │    │          │",
            "   │                  │  │                   │    │          ▼",
            "  ┌┴─────────────┐    │ ┌┴──────────────┐    │ ┌──┴───────────┐",
            "┌─┤☺ Luca Bianchi│    │ │◇ 185.220.101.4│    │ │¤ NL91ABNA0417│◀┐",
            "│ └┬─────────────┘    │ └─┬─────────────┘    │ └┬─────────────┘ │",
            "│  │                  │   │                  │  │               │",
            "│  │                  │   │                  │  │               │",
            "│ ┌┴────────────┐     │  ┌┴────────────┐     │ ┌┴─────────────┐ │",
            "│ │☺ Marco Rossi├─────┘  │☺ Ivan Petrov│     └─┤☺ Jan de Vries│ │",
            "│ └┬────────────┘        └┬───────────┬┘       └──────────────┘ │",
            "│  │                      │           │                         │",
            "│  │                      │           └──────────paid───────────┘",
            "│ ┌┴────────────┐         │",
            "└▶│☎ +39 333 111│◀───×2───┘",
            "  └─────────────┘",
        ])
    }

    @Test func dotsK4() {
        #expect(ChartGoldenTests.screen("dots-k4") == [
            "┌────┐",
            "│    │",
            "☺──☺┐│",
            "│  │││",
            "☺──☺││",
            "│  └┼┘",
            "└───┘",
        ])
    }

    @Test func summarisedTree() {
        #expect(ChartGoldenTests.screen("summarised-tree") == [
            "                ┌──────┐",
            "         ┌──────┤☺ Boss├──────┐",
            "         │      └┬─────┘      │",
            "         │       │            │",
            "         │       │            │",
            "         ▼       ▼            ▼",
            "┌─────────┐   ┌──────────┐   ┌─────────┐",
            "│☺ Lt Anna│   │☺ Lt Boris│   │☺ Lt Chen│",
            "└─────────┘   └──────────┘   └─────────┘",
            "6 of 10 entities left out (fewest links)",
        ])
    }
}
