import ArgumentParser

/// The root command. Each area registers its subcommands here; their code lives in Commands/<Area>/.
struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "A terminal intelligence workbench: cases, link charts, timelines and a tamper-evident store.",
        version: "0.1.0",
        subcommands: [
            // Foundation (store):
            InitCommand.self, CaseCommand.self, AddCommand.self, ListCommand.self, ShowCommand.self, FsckCommand.self,
            CompactCommand.self, RekeyCommand.self,
            // Exchange (import/export/demo):
            ImportCommand.self, ExportCommand.self, GenerateCommand.self, DemoCommand.self,
            // Engine (analysis):
            SearchCommand.self, CorrelateCommand.self, JudgeCommand.self, UnmergeCommand.self, LinksCommand.self,
            CentralityCommand.self, PathCommand.self, ConnectCommand.self, ComponentsCommand.self, CommunitiesCommand.self,
            NeighboursCommand.self, ActivityCommand.self, ContactsCommand.self, ColocateCommand.self, FlowsCommand.self,
            // Render (chart/timeline/report):
            ChartCommand.self, TimelineCommand.self, ReportCommand.self, ThemeCommand.self,
            // TUI (open):
            OpenCommand.self,
            // Trust (audit/share):
            AuditCommand.self, AnalystCommand.self, GradeCommand.self, HandlingCommand.self, ShareCommand.self,
            ReceiveCommand.self, RequestsCommand.self, KeysCommand.self, SourceCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
