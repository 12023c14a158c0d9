/// The scripted sessions whose final screens are the golden snapshots (see Golden.swift).
enum GoldenScripts {
    static let all: [(String, Int, Int, String)] = [
        ("main80", 80, 24, "case.select trafficking\npane.items"),
        ("main120", 120, 40, "case.select trafficking\npane.items"),
        ("cases80", 80, 24, "case.select trafficking\napp.zoom"),
        ("entities80", 80, 24, "case.select trafficking\npane.items\nlist.down\napp.zoom"),
        ("links80", 80, 24, "case.select trafficking\npane.items\nitems.nextTab\napp.zoom"),
        ("events80", 80, 24, "case.select trafficking\npane.items\nitems.nextTab\nitems.nextTab\napp.zoom"),
        ("events120", 120, 40, "case.select trafficking\npane.items\nitems.nextTab\nitems.nextTab"),
        ("sources80", 80, 24, "case.select trafficking\npane.items\nitems.previousTab\napp.zoom"),
        ("detail80", 80, 24, "case.select trafficking\npane.items\nlist.down\npane.detail\napp.zoom"),
        ("results80", 80, 24, "case.select trafficking\n:centrality degree\napp.zoom"),
        ("entity80", 80, 24, "case.select trafficking\npane.items\nitem.open"),
        ("entity120", 120, 40, "case.select trafficking\npane.items\nlist.down\nitem.open"),
        ("help80", 80, 24, "app.help"),
        ("timeline80", 80, 24, "case.select trafficking\npane.timeline\ntimeline.nextEvent\ntimeline.nextEvent\napp.zoom"),
        ("timeline120", 120, 40, "case.select trafficking\npane.timeline\ntimeline.nextEvent\ntimeline.zoomIn"),
        ("narrow40", 40, 12, "case.select trafficking\npane.items\nitems.nextTab\nitems.nextTab"),
        ("tooSmall", 39, 11, "case.select trafficking"),
        ("chart80", 80, 24, "case.select trafficking\npane.chart\napp.zoom"),
        ("chart120", 120, 40, "case.select trafficking\nkey 5\nkey j"),
        ("chartShort80", 80, 24, "case.select trafficking\npane.chart\nchart.layout radial\nchart.zoomOut\napp.zoom"),
        ("chartDots80", 80, 24, "case.select trafficking\npane.chart\nchart.zoomOut\nchart.zoomOut\napp.zoom"),
        ("chartPath120", 120, 40, "case.select trafficking\npane.chart\n:node Ivan Petrov\nkey m\n:node \"GB82 WEST 1234 5698 7654 32\"\nkey m\nkey p"),
        ("chartNarrow40", 40, 12, "case.select trafficking\nkey 5"),
        ("entityChart80", 80, 24, "case.select trafficking\npane.items\nlist.down\nitem.open\nentity.nextSection\nentity.nextSection\nkey j"),
    ]
}
