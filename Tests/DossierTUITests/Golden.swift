// Generated from GoldenScripts, then reviewed by hand (each diff checked to be intended).
enum Golden {
    static let main80 = """
     Dossier › trafficking › Items (entities)                alice · /cases/lantern
    ┌ 1 Cases (2) ─┐┏ 2 Items (4 entities) ━━━━━━━━━━━━━━━┓┌ 3 Detail ─────────────┐
    │fraud         │┃ ent 4  lin 2  eve 3  sou 1          ┃│Person Ivan Petrov     │
    │trafficking   │┃Kind       Name                      ┃│Aliases  Vanya         │
    │              │┃person     Ivan Petrov               ┃│nationa… RU            │
    │              │┃person     王小明                    ┃│Grading and handling   │
    │              │┃phone      +44 7700 900123           ┃│Grade    B2 (source    │
    │              │┃bank-acco… GB82 WEST 1234 5698 7654 …┃│         usually       │
    │              │┃                                     ┃│         reliable,     │
    │              │┃                                     ┃│         information   │
    │              │┃                                     ┃│         probably true)│
    └──────────────┘┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛└───────────────────────┘
    ┌ 4 Timeline ──────────────────────────┐┌ 5 Link chart (4) ────────────────────┐
    │  2024-02-10 20:15 → 2024-02-12 10:00…││           ┌─────────────┐            │
    │max 1     █       █                  █││           │☺ Ivan Petrov│            │
    │UTC       ──┬────────┬────────┬───────││           └┬────────────┘            │
    │            02-11    12:00    02-12   ││            │          ▲              │
    │Ivan Pet… ☎───────☎──────────────────¤││            ▼          ▼              │
    │          ▼ call  ▲                  ▼││┌─────────────────┐   ┌────────┐      │
    │王小明    ☎───────☎──────────────────¤│││☎ +44 7700 900123│   │☺ 王小明│      │
    │                   短信 about the pic…││hierarchical · full labels            │
    └──────────────────────────────────────┘└──────────────────────────────────────┘

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane
    """

    static let main120 = """
     Dossier › trafficking › Items (entities)                                                        alice · /cases/lantern
    ┌ 1 Cases (2) ─────────┐┏ 2 Items (4 entities) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓┌ 3 Detail ──────────────────────────┐
    │fraud                 │┃ entities 4  links 2  events 3  sources 1               ┃│Person Ivan Petrov                  │
    │trafficking           │┃Kind       Name           Identifier           Grade Rev┃│Aliases     Vanya                   │
    │                      │┃person     Ivan Petrov                         B2       ┃│nationality RU                      │
    │                      │┃person     王小明                              B2       ┃│Grading and handling                │
    │                      │┃phone      +44 7700 9001… +447700900123        B2       ┃│Grade       B2 (source usually      │
    │                      │┃bank-acco… GB82 WEST 123… GB82WEST12345698765… B2       ┃│            reliable, information   │
    │                      │┃                                                        ┃│            probably true)          │
    │                      │┃                                                        ┃│Handling    H2 (not to be           │
    │                      │┃                                                        ┃│            disseminated without the│
    │                      │┃                                                        ┃│            provider's permission)  │
    │                      │┃                                                        ┃│Provenance                          │
    │                      │┃                                                        ┃│Source      Europol SIENA-4711      │
    │                      │┃                                                        ┃│File        calls.csv               │
    │                      │┃                                                        ┃│Created     2024-03-01T09:00:00Z by │
    │                      │┃                                                        ┃│            importer                │
    │                      │┃                                                        ┃│Id          01j000000000a00000000000│
    │                      │┃                                                        ┃│            0m                      │
    │                      │┃                                                        ┃│Review                              │
    └──────────────────────┘┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛└────────────────────────────────────┘
    ┌ 4 Timeline ──────────────────────────────────────────────┐┌ 5 Link chart (4) ────────────────────────────────────────┐
    │  2024-02-10 20:15 → 2024-02-12 10:00 UTC · 3 events      ││           ┌─────────────┐                                │
    │events      █             █                              █││           │☺ Ivan Petrov│                                │
    │max 1       █             █                              █││           └┬────────────┘                                │
    │UTC         ────┬──────┬───────┬──────┬──────┬───────┬────││            │          ▲                                  │
    │                02-11  06:00   12:00  18:00  02-12   06:00││            ▼          ▼                                  │
    │Ivan Petrov ☎─────────────☎──────────────────────────────¤││┌─────────────────┐   ┌────────┐                          │
    │            ▼ call        ▲                              ▼│││☎ +44 7700 900123│   │☺ 王小明│                          │
    │王小明      ☎─────────────☎──────────────────────────────¤││└─────────────────┘   └┬───────┘                          │
    │                           短信 about the pickup          ││                       │                                  │
    │                                                          ││                       ▼                                  │
    │                                                          ││              ┌────────────────────┐                      │
    │                                                          ││              │¤ GB82 WEST 1234 56…│                      │
    │                                                          ││              └────────────────────┘                      │
    │                                                          ││                                                          │
    │                                                          ││hierarchical · full labels                                │
    └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane  z zoom  ⏎ open  / search  r reviewed
    """

    static let cases80 = """
     Dossier › trafficking › Cases                           alice · /cases/lantern
    ┏ 1 Cases (2) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃fraud                                                                         ┃
    ┃trafficking                                                                   ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search
    """

    static let entities80 = """
     Dossier › trafficking › Items (entities)                alice · /cases/lantern
    ┏ 2 Items (4 entities) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                     ┃
    ┃Kind       Name                                 Identifier           Grade Rev┃
    ┃person     Ivan Petrov                                               B2       ┃
    ┃person     王小明                                                    B2       ┃
    ┃phone      +44 7700 900123                      +447700900123        B2       ┃
    ┃bank-acco… GB82 WEST 1234 5698 7654 32          GB82WEST12345698765… B2       ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane
    """

    static let links80 = """
     Dossier › trafficking › Items (links)                   alice · /cases/lantern
    ┏ 2 Items (2 links) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                     ┃
    ┃Type       From                            To                 Weight Grade Rev┃
    ┃uses       Ivan Petrov                     +44 7700 900123    1      B2       ┃
    ┃owns       王小明                          GB82 WEST 1234 56… 1      B2       ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane
    """

    static let events80 = """
     Dossier › trafficking › Items (events)                  alice · /cases/lantern
    ┏ 2 Items (3 events) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                     ┃
    ┃Time             Kind     Summary                     Amount         Grade Rev┃
    ┃2024-02-10 21:15 call     Ivan Petrov → 王小明                       B2       ┃
    ┃2024-02-11 08:02 call     短信 about the pickup                      B2       ┃
    ┃2024-02-12 10:00 transac… Ivan Petrov → 王小明        2500.00 EUR    B2       ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane
    """

    static let events120 = """
     Dossier › trafficking › Items (events)                                                          alice · /cases/lantern
    ┌ 1 Cases (2) ─────────┐┏ 2 Items (3 events) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓┌ 3 Detail ──────────────────────────┐
    │fraud                 │┃ entities 4  links 2  events 3  sources 1               ┃│Event call                          │
    │trafficking           │┃Time             Kind     Summary         Amount        ┃│Start    2024-02-10T21:15:00+01:00  │
    │                      │┃2024-02-10 21:15 call     Ivan Petrov → …               ┃│End      2024-02-10T21:19:30+01:00  │
    │                      │┃2024-02-11 08:02 call     短信 about the…               ┃│Duration 270 s                      │
    │                      │┃2024-02-12 10:00 transac… Ivan Petrov → … 2500.00 EUR   ┃│caller   Ivan Petrov                │
    │                      │┃                                                        ┃│receiver 王小明                     │
    │                      │┃                                                        ┃│Grading and handling                │
    │                      │┃                                                        ┃│Grade    B2 (source usually         │
    │                      │┃                                                        ┃│         reliable, information      │
    │                      │┃                                                        ┃│         probably true)             │
    │                      │┃                                                        ┃│Handling H2 (not to be disseminated │
    │                      │┃                                                        ┃│         without the provider's     │
    │                      │┃                                                        ┃│         permission)                │
    │                      │┃                                                        ┃│Provenance                          │
    │                      │┃                                                        ┃│Source   Europol SIENA-4711         │
    │                      │┃                                                        ┃│File     calls.csv                  │
    │                      │┃                                                        ┃│Created  2024-03-01T09:00:00Z by    │
    │                      │┃                                                        ┃│         importer                   │
    └──────────────────────┘┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛└────────────────────────────────────┘
    ┌ 4 Timeline ──────────────────────────────────────────────┐┌ 5 Link chart (4) ────────────────────────────────────────┐
    │  2024-02-10 20:15 → 2024-02-12 10:00 UTC · 3 events      ││           ┌─────────────┐                                │
    │events      █             █                              █││           │☺ Ivan Petrov│                                │
    │max 1       █             █                              █││           └┬────────────┘                                │
    │UTC         ────┬──────┬───────┬──────┬──────┬───────┬────││            │          ▲                                  │
    │                02-11  06:00   12:00  18:00  02-12   06:00││            ▼          ▼                                  │
    │Ivan Petrov ☎─────────────☎──────────────────────────────¤││┌─────────────────┐   ┌────────┐                          │
    │            ▼ call        ▲                              ▼│││☎ +44 7700 900123│   │☺ 王小明│                          │
    │王小明      ☎─────────────☎──────────────────────────────¤││└─────────────────┘   └┬───────┘                          │
    │                           短信 about the pickup          ││                       │                                  │
    │                                                          ││                       ▼                                  │
    │                                                          ││              ┌────────────────────┐                      │
    │                                                          ││              │¤ GB82 WEST 1234 56…│                      │
    │                                                          ││              └────────────────────┘                      │
    │                                                          ││                                                          │
    │                                                          ││hierarchical · full labels                                │
    └──────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────┘

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane  z zoom  ⏎ open  / search  r reviewed
    """

    static let sources80 = """
     Dossier › trafficking › Items (sources)                 alice · /cases/lantern
    ┏ 2 Items (1 sources) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                     ┃
    ┃Provider       Reference        Grade Handling         File                Rev┃
    ┃Europol        SIENA-4711       B2    H2               calls.csv              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane
    """

    static let detail80 = """
     Dossier › trafficking › Detail                          alice · /cases/lantern
    ┏ 3 Detail ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃Person 王小明                                                                 ┃
    ┃city     上海                                                                 ┃
    ┃Grading and handling                                                          ┃
    ┃Grade    B2 (source usually reliable, information probably true)              ┃
    ┃Handling H2 (not to be disseminated without the provider's permission)        ┃
    ┃Provenance                                                                    ┃
    ┃Source   Europol SIENA-4711                                                   ┃
    ┃File     calls.csv                                                            ┃
    ┃Created  2024-03-01T09:00:00Z by importer                                     ┃
    ┃Id       01j000000000ag00000000000n                                           ┃
    ┃Review                                                                        ┃
    ┃Reviewed no                                                                   ┃
    ┃Flagged  no                                                                   ┃
    ┃Linked                                                                        ┃
    ┃owns → GB82 WEST 1234 5698 7654 32                                            ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search
    """

    static let results80 = """
     Dossier › trafficking › Results                         alice · /cases/lantern
    ┏ 6 degree centrality, trafficking (4 entities) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃1. Ivan Petrov (person)  0.6667                                               ┃
    ┃2. 王小明 (person)  0.6667                                                    ┃
    ┃3. +44 7700 900123 (phone)  0.3333                                            ┃
    ┃4. GB82 WEST 1234 5698 7654 32 (bank-account)  0.3333                         ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    degree centrality, trafficking (4 entities)
     x close results  q quit  ? help  : command  tab next pane  z zoom  esc back
    """

    static let entity80 = """
     Dossier › trafficking › Ivan Petrov                     alice · /cases/lantern
    ┌ person ──────────────────────┐┌ Neighbourhood (3) ───────────────────────────┐
    │Person Ivan Petrov            ││          ┌─────────────┐                     │
    │Aliases    Vanya              ││          │☺ Ivan Petrov│                     │
    │nationali… RU                 ││          └┬────────────┘                     │
    │Grading and handling          ││           │           ▲                      │
    │Grade      B2 (source usually ││           ▼           ▼                      │
    │           reliable,          ││┌─────────────────┐   ┌────────┐              │
    │           information        │││☎ +44 7700 900123│   │☺ 王小明│              │
    │           probably true)     ││hierarchical · full labels                    │
    │Handling   H2 (not to be      │└──────────────────────────────────────────────┘
    │           disseminated       │┏ Contacts and flows (2) ━━━━━━━━━━━━━━━━━━━━━━┓
    │           without the        │┃王小明                  person       3 ev · 2…┃
    │           provider's         │┃+44 7700 900123         phone        uses     ┃
    │           permission)        │┃                                              ┃
    │Provenance                    │┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    │Source     Europol SIENA-4711 │┌ Events (3) ──────────────────────────────────┐
    │File       calls.csv          ││2024-02-10 21:15  call  Ivan Petrov → 王小明  │
    │Created    2024-03-01T09:00:00││2024-02-11 08:02  call  短信 about the pickup │
    │           Z by importer      ││2024-02-12 10:00  transaction  Ivan Petrov → …│
    │Id         01j000000000a000000││                                              │
    └──────────────────────────────┘└──────────────────────────────────────────────┘

     tab next section  q quit  ? help  : command  z zoom  esc back  ⏎ open
    """

    static let entity120 = """
     Dossier › trafficking › 王小明                                                                  alice · /cases/lantern
    ┌ person ──────────────────────────────────────┐┌ Neighbourhood (3) ───────────────────────────────────────────────────┐
    │Person 王小明                                 ││                 ┌────────┐                                           │
    │city     上海                                 ││                 │☺ 王小明│◀┐                                         │
    │Grading and handling                          ││                 └┬───────┘ │                                         │
    │Grade    B2 (source usually reliable,         ││                  │         │                                         │
    │         information probably true)           ││                  ▼         ▼                                         │
    │Handling H2 (not to be disseminated without   ││┌────────────────────┐   ┌─────────────┐                              │
    │         the provider's permission)           │││¤ GB82 WEST 1234 56…│   │☺ Ivan Petrov│                              │
    │Provenance                                    ││└────────────────────┘   └─────────────┘                              │
    │Source   Europol SIENA-4711                   ││                                                                      │
    │File     calls.csv                            ││                                                                      │
    │Created  2024-03-01T09:00:00Z by importer     ││                                                                      │
    │Id       01j000000000ag00000000000n           ││                                                                      │
    │Review                                        ││                                                                      │
    │Reviewed no                                   ││                                                                      │
    │Flagged  no                                   ││                                                                      │
    │Linked                                        ││hierarchical · full labels                                            │
    │owns → GB82 WEST 1234 5698 7654 32            │└──────────────────────────────────────────────────────────────────────┘
    │                                              │┏ Contacts and flows (2) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    │                                              │┃Ivan Petrov              person       3 ev · 2500.00 EUR              ┃
    │                                              │┃GB82 WEST 1234 5698 765… bank-account owns                            ┃
    │                                              │┃                                                                      ┃
    │                                              │┃                                                                      ┃
    │                                              │┃                                                                      ┃
    │                                              │┃                                                                      ┃
    │                                              │┃                                                                      ┃
    │                                              │┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    │                                              │┌ Events (3) ──────────────────────────────────────────────────────────┐
    │                                              ││2024-02-10 21:15  call  Ivan Petrov → 王小明                          │
    │                                              ││2024-02-11 08:02  call  短信 about the pickup                         │
    │                                              ││2024-02-12 10:00  transaction  Ivan Petrov → 王小明  2500.00 EUR      │
    │                                              ││                                                                      │
    │                                              ││                                                                      │
    │                                              ││                                                                      │
    │                                              ││                                                                      │
    │                                              ││                                                                      │
    └──────────────────────────────────────────────┘└──────────────────────────────────────────────────────────────────────┘

     tab next section  q quit  ? help  : command  z zoom  esc back  ⏎ open  / search  r reviewed
    """

    static let help80 = """
     Dossier › fraud › Cases                                 alice · /cases/lantern
    ┏ Help: keys and commands (any other key closes) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃Everywhere                                                                    ┃
    ┃ q              Close the workspace and leave the workbench.  [app.quit]  :qu…┃
    ┃ ? f1           Show every command and its keys.  [app.help]  :help           ┃
    ┃ :              Type a command with arguments, as on the CLI (Tab completes).…┃
    ┃ ctrl-p         Find any command by name and run it.  [app.palette]  :palette ┃
    ┃ tab            Move the focus to the next pane.  [app.focusNext]             ┃
    ┃ shift-tab      Move the focus to the previous pane.  [app.focusPrevious]     ┃
    ┃ z              Show the focused pane on the whole screen, or go back to all …┃
    ┃ esc            Cancel the running analysis, leave the entity view, or unzoom…┃
    ┃ 1              Focus the cases pane.  [pane.cases]                           ┃
    ┃ 2              Focus the items pane.  [pane.items]                           ┃
    ┃ 3              Focus the detail pane.  [pane.detail]                         ┃
    ┃ 4              Focus the timeline pane.  [pane.timeline]                     ┃
    ┃ 5              Focus the link chart pane.  [pane.chart]                      ┃
    ┃ 6              Focus the results pane.  [pane.results]                       ┃
    ┃                Switch the colour theme (built-in or a file in ~/.config/doss…┃
    ┃                Select a case by name.  [case.select]  :case NAME             ┃
    ┃ j down         Select the next row.  [list.down]                             ┃
    ┃ k up           Select the previous row.  [list.up]                           ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  ⏎ open  / search  r reviewed
    """

    static let timeline80 = """
     Dossier › trafficking › Timeline                        alice · /cases/lantern
    ┏ 4 Timeline ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃  2024-02-10 20:15 → 2024-02-12 10:00 UTC · 3 events                          ┃
    ┃events      █                   █                                            █┃
    ┃max 1       █                   █                                            █┃
    ┃UTC         ──────┬──────────┬─────────┬──────────┬─────────┬──────────┬──────┃
    ┃                  02-11      06:00     12:00      18:00     02-12      06:00  ┃
    ┃Ivan Petrov ☎───────────────────☎────────────────────────────────────────────¤┃
    ┃            ▼ call              ▲                                            ▼┃
    ┃王小明      ☎───────────────────☎────────────────────────────────────────────¤┃
    ┃                                 短信 about the pickup                        ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     h earlier  + zoom in  . next event  q quit  ? help  : command  tab next pane
    """

    static let timeline120 = """
     Dossier › trafficking › Timeline                                                                alice · /cases/lantern
    ┌ 1 Cases (2) ─────────┐┌ 2 Items (4 entities) ──────────────────────────────────┐┌ 3 Detail ──────────────────────────┐
    │fraud                 ││ entities 4  links 2  events 3  sources 1               ││Event call                          │
    │trafficking           ││Kind       Name           Identifier           Grade Rev││Start    2024-02-10T21:15:00+01:00  │
    │                      ││person     Ivan Petrov                         B2       ││End      2024-02-10T21:19:30+01:00  │
    │                      ││person     王小明                              B2       ││Duration 270 s                      │
    │                      ││phone      +44 7700 9001… +447700900123        B2       ││caller   Ivan Petrov                │
    │                      ││bank-acco… GB82 WEST 123… GB82WEST12345698765… B2       ││receiver 王小明                     │
    │                      ││                                                        ││Grading and handling                │
    │                      ││                                                        ││Grade    B2 (source usually         │
    │                      ││                                                        ││         reliable, information      │
    │                      ││                                                        ││         probably true)             │
    │                      ││                                                        ││Handling H2 (not to be disseminated │
    │                      ││                                                        ││         without the provider's     │
    │                      ││                                                        ││         permission)                │
    │                      ││                                                        ││Provenance                          │
    │                      ││                                                        ││Source   Europol SIENA-4711         │
    │                      ││                                                        ││File     calls.csv                  │
    │                      ││                                                        ││Created  2024-03-01T09:00:00Z by    │
    │                      ││                                                        ││         importer                   │
    └──────────────────────┘└────────────────────────────────────────────────────────┘└────────────────────────────────────┘
    ┏ 4 Timeline ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓┌ 5 Link chart (4) ────────────────────────────────────────┐
    ┃  2024-02-10 10:48 → 2024-02-11 05:41 UTC · 1 event       ┃│           ┌─────────────┐                                │
    ┃events                            █                       ┃│           │☺ Ivan Petrov│                                │
    ┃max 1                             █                       ┃│           └┬────────────┘                                │
    ┃UTC         ──┬───────┬──────┬──────┬───────┬──────┬──────┃│            │          ▲                                  │
    ┃              12:00   15:00  18:00  21:00   02-11  03:00  ┃│            ▼          ▼                                  │
    ┃Ivan Petrov ──────────────────────┣┫──────────────────────┃│┌─────────────────┐   ┌────────┐                          │
    ┃                                  ▼ call                  ┃││☎ +44 7700 900123│   │☺ 王小明│                          │
    ┃王小明      ──────────────────────☎───────────────────────┃│└─────────────────┘   └┬───────┘                          │
    ┃                                                          ┃│                       │                                  │
    ┃                                                          ┃│                       ▼                                  │
    ┃                                                          ┃│              ┌────────────────────┐                      │
    ┃                                                          ┃│              │¤ GB82 WEST 1234 56…│                      │
    ┃                                                          ┃│              └────────────────────┘                      │
    ┃                                                          ┃│                                                          │
    ┃                                                          ┃│hierarchical · full labels                                │
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛└──────────────────────────────────────────────────────────┘

     h earlier  + zoom in  . next event  q quit  ? help  : command  tab next pane  z zoom  ⏎ open  / search  r reviewed
    """

    static let narrow40 = """
     Dossier › traffick… alice · /cases/lan…
    ┏ 2 Items (3 events) ━━━━━━━━━━━━━━━━━━┓
    ┃ ent 4  lin 2  eve 3  sou 1           ┃
    ┃Time             Kind     Summary     ┃
    ┃2024-02-10 21:15 call     Ivan Petrov…┃
    ┃2024-02-11 08:02 call     短信 about …┃
    ┃2024-02-12 10:00 transac… Ivan Petrov…┃
    ┃                                      ┃
    ┃                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit
    """

    static let tooSmall = """




              terminal too small
              39x11, needs 40x12





    """

    static let chart80 = """
     Dossier › trafficking › Link chart                      alice · /cases/lantern
    ┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃           ┌─────────────┐                                                    ┃
    ┃           │☺ Ivan Petrov│                                                    ┃
    ┃           └┬────────────┘                                                    ┃
    ┃            │          ▲                                                      ┃
    ┃            ▼          ▼                                                      ┃
    ┃┌─────────────────┐   ┌────────┐                                              ┃
    ┃│☎ +44 7700 900123│   │☺ 王小明│                                              ┃
    ┃└─────────────────┘   └┬───────┘                                              ┃
    ┃                       │                                                      ┃
    ┃                       ▼                                                      ┃
    ┃              ┌────────────────────┐                                          ┃
    ┃              │¤ GB82 WEST 1234 56…│                                          ┃
    ┃              └────────────────────┘                                          ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃hierarchical · full labels                                                    ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     + more detail  v layout  e expand  x hide  m mark  p connect  q quit  ? help
    """

    static let chart120 = """
     Dossier › trafficking › Link chart                                                              alice · /cases/lantern
    ┌ 1 Cases (2) ─────────┐┌ 2 Items (4 entities) ──────────────────────────────────┐┌ 3 Detail ──────────────────────────┐
    │fraud                 ││ entities 4  links 2  events 3  sources 1               ││Person 王小明                       │
    │trafficking           ││Kind       Name           Identifier           Grade Rev││city     上海                       │
    │                      ││person     Ivan Petrov                         B2       ││Grading and handling                │
    │                      ││person     王小明                              B2       ││Grade    B2 (source usually         │
    │                      ││phone      +44 7700 9001… +447700900123        B2       ││         reliable, information      │
    │                      ││bank-acco… GB82 WEST 123… GB82WEST12345698765… B2       ││         probably true)             │
    │                      ││                                                        ││Handling H2 (not to be disseminated │
    │                      ││                                                        ││         without the provider's     │
    │                      ││                                                        ││         permission)                │
    │                      ││                                                        ││Provenance                          │
    │                      ││                                                        ││Source   Europol SIENA-4711         │
    │                      ││                                                        ││File     calls.csv                  │
    │                      ││                                                        ││Created  2024-03-01T09:00:00Z by    │
    │                      ││                                                        ││         importer                   │
    │                      ││                                                        ││Id       01j000000000ag00000000000n │
    │                      ││                                                        ││Review                              │
    │                      ││                                                        ││Reviewed no                         │
    │                      ││                                                        ││Flagged  no                         │
    └──────────────────────┘└────────────────────────────────────────────────────────┘└────────────────────────────────────┘
    ┌ 4 Timeline ──────────────────────────────────────────────┐┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    │  2024-02-10 20:15 → 2024-02-12 10:00 UTC · 3 events      │┃           ┌─────────────┐                                ┃
    │events      █             █                              █│┃           │☺ Ivan Petrov│                                ┃
    │max 1       █             █                              █│┃           └┬────────────┘                                ┃
    │UTC         ────┬──────┬───────┬──────┬──────┬───────┬────│┃            │          ▲                                  ┃
    │                02-11  06:00   12:00  18:00  02-12   06:00│┃            ▼          ▼                                  ┃
    │Ivan Petrov ☎─────────────☎──────────────────────────────¤│┃┌─────────────────┐   ┌────────┐                          ┃
    │            ▼ call        ▲                              ▼│┃│☎ +44 7700 900123│   │☺ 王小明│                          ┃
    │王小明      ☎─────────────☎──────────────────────────────¤│┃└─────────────────┘   └┬───────┘                          ┃
    │                           短信 about the pickup          │┃                       │                                  ┃
    │                                                          │┃                       ▼                                  ┃
    │                                                          │┃              ┌────────────────────┐                      ┃
    │                                                          │┃              │¤ GB82 WEST 1234 56…│                      ┃
    │                                                          │┃              └────────────────────┘                      ┃
    │                                                          │┃                                                          ┃
    │                                                          │┃hierarchical · full labels                                ┃
    └──────────────────────────────────────────────────────────┘┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     + more detail  v layout  e expand  x hide  m mark  p connect  q quit  ? help  : command  tab next pane  z zoom  ⏎ open
    """

    static let chartShort80 = """
     Dossier › trafficking › Link chart                      alice · /cases/lantern
    ┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃┌──────────┐    ┌────────┐    ┌──────────┐    ┌──────────┐                    ┃
    ┃│¤ GB82 WE…│◀───┤☺ 王小明│◀──▶│☺ Ivan Pe…├───▶│☎ +44 770…│                    ┃
    ┃└──────────┘    └────────┘    └──────────┘    └──────────┘                    ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃radial · short labels                                                         ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    chart: short labels
     + more detail  v layout  e expand  x hide  m mark  p connect  q quit  ? help
    """

    static let chartDots80 = """
     Dossier › trafficking › Link chart                      alice · /cases/lantern
    ┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃┌─☺                                                                           ┃
    ┃▼ ▲                                                                           ┃
    ┃☎ ▶☺                                                                          ┃
    ┃   ▼                                                                          ┃
    ┃   ¤                                                                          ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃                                                                              ┃
    ┃hierarchical · dots                                                           ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    chart: dots
     + more detail  v layout  e expand  x hide  m mark  p connect  q quit  ? help
    """

    static let chartPath120 = """
     Dossier › trafficking › Link chart                                                              alice · /cases/lantern
    ┌ 1 Cases (2) ─────────┐┌ 2 Items (4 entities) ──────────────────────────────────┐┌ 3 Detail ──────────────────────────┐
    │fraud                 ││ entities 4  links 2  events 3  sources 1               ││Bank-Account GB82 WEST 1234 5698 76…│
    │trafficking           ││Kind       Name           Identifier           Grade Rev││iban     GB82WEST12345698765432     │
    │                      ││person     Ivan Petrov                         B2       ││Grading and handling                │
    │                      ││person     王小明                              B2       ││Grade    B2 (source usually         │
    │                      ││phone      +44 7700 9001… +447700900123        B2       ││         reliable, information      │
    │                      ││bank-acco… GB82 WEST 123… GB82WEST12345698765… B2       ││         probably true)             │
    │                      ││                                                        ││Handling H2 (not to be disseminated │
    │                      ││                                                        ││         without the provider's     │
    │                      ││                                                        ││         permission)                │
    │                      ││                                                        ││Provenance                          │
    │                      ││                                                        ││Source   Europol SIENA-4711         │
    │                      ││                                                        ││File     calls.csv                  │
    │                      ││                                                        ││Created  2024-03-01T09:00:00Z by    │
    │                      ││                                                        ││         importer                   │
    │                      ││                                                        ││Id       01j000000000bg00000000000q │
    │                      ││                                                        ││Review                              │
    │                      ││                                                        ││Reviewed no                         │
    │                      ││                                                        ││Flagged  no                         │
    └──────────────────────┘└────────────────────────────────────────────────────────┘└────────────────────────────────────┘
    ┌ 4 Timeline ──────────────────────────────────────────────┐┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    │  2024-02-10 20:15 → 2024-02-12 10:00 UTC · 3 events      │┃           ┌1────────────┐                                ┃
    │events      █             █                              █│┃           │☺ Ivan Petrov│                                ┃
    │max 1       █             █                              █│┃           └┬────────────┘                                ┃
    │UTC         ────┬──────┬───────┬──────┬──────┬───────┬────│┃            │          ▲                                  ┃
    │                02-11  06:00   12:00  18:00  02-12   06:00│┃            ▼          ▼                                  ┃
    │Ivan Petrov ☎─────────────☎──────────────────────────────¤│┃┌─────────────────┐   ┌────────┐                          ┃
    │            ▼ call        ▲                              ▼│┃│☎ +44 7700 900123│   │☺ 王小明│                          ┃
    │王小明      ☎─────────────☎──────────────────────────────¤│┃└─────────────────┘   └┬───────┘                          ┃
    │                           短信 about the pickup          │┃                       │                                  ┃
    │                                                          │┃                       ▼                                  ┃
    │                                                          │┃              ┌2───────────────────┐                      ┃
    │                                                          │┃              │¤ GB82 WEST 1234 56…│                      ┃
    │                                                          │┃              └────────────────────┘                      ┃
    │                                                          │┃                                                          ┃
    │                                                          │┃hierarchical · full labels · 2 marked · path Ivan Petrov …┃
    └──────────────────────────────────────────────────────────┘┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    path Ivan Petrov – GB82 WEST 1234 5698 7654 32: 2 hops
     + more detail  v layout  e expand  x hide  m mark  p connect  q quit  ? help  : command  tab next pane  z zoom  ⏎ open
    """

    static let chartNarrow40 = """
     Dossier › traffick… alice · /cases/lan…
    ┏ 5 Link chart (4) ━━━━━━━━━━━━━━━━━━━━┓
    ┃           ┌─────────────┐            ┃
    ┃           │☺ Ivan Petrov│            ┃
    ┃           └┬────────────┘            ┃
    ┃            │          ▲              ┃
    ┃            ▼          ▼              ┃
    ┃┌─────────────────┐   ┌────────┐      ┃
    ┃hierarchical · full labels            ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     + more detail  v layout  e expand
    """

    static let entityChart80 = """
     Dossier › trafficking › 王小明                          alice · /cases/lantern
    ┌ person ──────────────────────┐┏ Neighbourhood (3) ━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    │Person 王小明                 │┃                 │☺ 王小明│◀┐                 ┃
    │city     上海                 │┃                 └┬───────┘ │                 ┃
    │Grading and handling          │┃                  │         │                 ┃
    │Grade    B2 (source usually   │┃                  ▼         ▼                 ┃
    │         reliable, information│┃┌────────────────────┐   ┌─────────────┐      ┃
    │         probably true)       │┃│¤ GB82 WEST 1234 56…│   │☺ Ivan Petrov│      ┃
    │Handling H2 (not to be        │┃└────────────────────┘   └─────────────┘      ┃
    │         disseminated without │┃hierarchical · full labels                    ┃
    │         the provider's       │┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    │         permission)          │┌ Contacts and flows (2) ──────────────────────┐
    │Provenance                    ││Ivan Petrov             person       3 ev · 2…│
    │Source   Europol SIENA-4711   ││GB82 WEST 1234 5698 76… bank-account owns     │
    │File     calls.csv            ││                                              │
    │Created  2024-03-01T09:00:00Z │└──────────────────────────────────────────────┘
    │         by importer          │┌ Events (3) ──────────────────────────────────┐
    │Id       01j000000000ag0000000││2024-02-10 21:15  call  Ivan Petrov → 王小明  │
    │         0000n                ││2024-02-11 08:02  call  短信 about the pickup │
    │Review                        ││2024-02-12 10:00  transaction  Ivan Petrov → …│
    │Reviewed no                   ││                                              │
    └──────────────────────────────┘└──────────────────────────────────────────────┘

     + more detail  v layout  e expand  x hide  m mark  p connect  tab next section
    """

    static let cases120 = """
     Dossier › trafficking › Cases                                                                   alice · /cases/lantern
    ┏ 1 Cases (2) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃fraud                                                                                                                 ┃
    ┃trafficking                                                                                                           ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search  r reviewed
    """

    static let entities120 = """
     Dossier › trafficking › Items (entities)                                                        alice · /cases/lantern
    ┏ 2 Items (4 entities) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                                                             ┃
    ┃Kind       Name                                                                         Identifier           Grade Rev┃
    ┃person     Ivan Petrov                                                                                       B2       ┃
    ┃person     王小明                                                                                            B2       ┃
    ┃phone      +44 7700 900123                                                              +447700900123        B2       ┃
    ┃bank-acco… GB82 WEST 1234 5698 7654 32                                                  GB82WEST12345698765… B2       ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search
    """

    static let links120 = """
     Dossier › trafficking › Items (links)                                                           alice · /cases/lantern
    ┏ 2 Items (2 links) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                                                             ┃
    ┃Type       From                                                                    To                 Weight Grade Rev┃
    ┃uses       Ivan Petrov                                                             +44 7700 900123    1      B2       ┃
    ┃owns       王小明                                                                  GB82 WEST 1234 56… 1      B2       ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search
    """

    static let sources120 = """
     Dossier › trafficking › Items (sources)                                                         alice · /cases/lantern
    ┏ 2 Items (1 sources) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ entities 4  links 2  events 3  sources 1                                                                             ┃
    ┃Provider       Reference        Grade Handling         File                                                        Rev┃
    ┃Europol        SIENA-4711       B2    H2               calls.csv                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     ] next list  s sort  f filter  q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search
    """

    static let detail120 = """
     Dossier › trafficking › Detail                                                                  alice · /cases/lantern
    ┏ 3 Detail ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃Person 王小明                                                                                                         ┃
    ┃city     上海                                                                                                         ┃
    ┃Grading and handling                                                                                                  ┃
    ┃Grade    B2 (source usually reliable, information probably true)                                                      ┃
    ┃Handling H2 (not to be disseminated without the provider's permission)                                                ┃
    ┃Provenance                                                                                                            ┃
    ┃Source   Europol SIENA-4711                                                                                           ┃
    ┃File     calls.csv                                                                                                    ┃
    ┃Created  2024-03-01T09:00:00Z by importer                                                                             ┃
    ┃Id       01j000000000ag00000000000n                                                                                   ┃
    ┃Review                                                                                                                ┃
    ┃Reviewed no                                                                                                           ┃
    ┃Flagged  no                                                                                                           ┃
    ┃Linked                                                                                                                ┃
    ┃owns → GB82 WEST 1234 5698 7654 32                                                                                    ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search  r reviewed
    """

    static let results120 = """
     Dossier › trafficking › Results                                                                 alice · /cases/lantern
    ┏ 6 degree centrality, trafficking (4 entities) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃1. Ivan Petrov (person)  0.6667                                                                                       ┃
    ┃2. 王小明 (person)  0.6667                                                                                            ┃
    ┃3. +44 7700 900123 (phone)  0.3333                                                                                    ┃
    ┃4. GB82 WEST 1234 5698 7654 32 (bank-account)  0.3333                                                                 ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┃                                                                                                                      ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
    degree centrality, trafficking (4 entities)
     x close results  q quit  ? help  : command  tab next pane  z zoom  esc back  ⏎ open  / search  r reviewed
    """

    static let help120 = """
     Dossier › fraud › Cases                                                                         alice · /cases/lantern
    ┏ Help: keys and commands (any other key closes) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃Everywhere                                                                                                            ┃
    ┃ q              Close the workspace and leave the workbench.  [app.quit]  :quit                                       ┃
    ┃ ? f1           Show every command and its keys.  [app.help]  :help                                                   ┃
    ┃ :              Type a command with arguments, as on the CLI (Tab completes).  [app.commandLine]                      ┃
    ┃ ctrl-p         Find any command by name and run it.  [app.palette]  :palette                                         ┃
    ┃ tab            Move the focus to the next pane.  [app.focusNext]                                                     ┃
    ┃ shift-tab      Move the focus to the previous pane.  [app.focusPrevious]                                             ┃
    ┃ z              Show the focused pane on the whole screen, or go back to all panes.  [app.zoom]                       ┃
    ┃ esc            Cancel the running analysis, leave the entity view, or unzoom.  [app.back]                            ┃
    ┃ 1              Focus the cases pane.  [pane.cases]                                                                   ┃
    ┃ 2              Focus the items pane.  [pane.items]                                                                   ┃
    ┃ 3              Focus the detail pane.  [pane.detail]                                                                 ┃
    ┃ 4              Focus the timeline pane.  [pane.timeline]                                                             ┃
    ┃ 5              Focus the link chart pane.  [pane.chart]                                                              ┃
    ┃ 6              Focus the results pane.  [pane.results]                                                               ┃
    ┃                Switch the colour theme (built-in or a file in ~/.config/dossier/themes).  [theme.set]  :theme dark|d…┃
    ┃                Select a case by name.  [case.select]  :case NAME                                                     ┃
    ┃ j down         Select the next row.  [list.down]                                                                     ┃
    ┃ k up           Select the previous row.  [list.up]                                                                   ┃
    ┃ pgdn ctrl-d    Move a page down.  [list.pageDown]                                                                    ┃
    ┃ pgup ctrl-u    Move a page up.  [list.pageUp]                                                                        ┃
    ┃ g home         Select the first row.  [list.top]                                                                     ┃
    ┃ G end          Select the last row.  [list.bottom]                                                                   ┃
    ┃ enter          Open the selection: a case's items, an entity's own view, a result's item.  [item.open]               ┃
    ┃ /              Search names, identifiers and summaries as you type.  [search.start]  :search TEXT                    ┃
    ┃ n              Select the next search match.  [search.next]                                                          ┃
    ┃ N              Select the previous search match.  [search.previous]                                                  ┃
    ┃ r              Mark the selected item reviewed (or not).  [review.toggleReviewed]  :reviewed                         ┃
    ┃ !              Flag the selected item for attention (or unflag it).  [review.toggleFlag]  :flag                      ┃
    ┃ t              Add a tag to the selected item.  [review.tag]  :tag TAG                                               ┃
    ┃ a              Write a note about the selected item.  [review.note]  :note TEXT                                      ┃
    ┃ A              Grade the selected source or item (Admiralty A1-F6).  [review.grade]  :grade A1|B2|C3|F6              ┃
    ┃                Rank the case's entities by a centrality measure.  [analysis.centrality]  :centrality degree|betweenn…┃
    ┃                Show the shortest path between two entities.  [analysis.path]  :path A B                              ┃
    ┃                Show the network connecting several entities.  [analysis.network]  :network A B C…                    ┃
    ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛

     q quit  ? help  : command  tab next pane  z zoom  ⏎ open  / search  r reviewed
    """

    static let byName: [String: String] = [
        "main80": main80,
        "main120": main120,
        "cases80": cases80,
        "entities80": entities80,
        "links80": links80,
        "events80": events80,
        "events120": events120,
        "sources80": sources80,
        "detail80": detail80,
        "results80": results80,
        "entity80": entity80,
        "entity120": entity120,
        "help80": help80,
        "timeline80": timeline80,
        "timeline120": timeline120,
        "narrow40": narrow40,
        "tooSmall": tooSmall,
        "chart80": chart80,
        "chart120": chart120,
        "chartShort80": chartShort80,
        "chartDots80": chartDots80,
        "chartPath120": chartPath120,
        "chartNarrow40": chartNarrow40,
        "entityChart80": entityChart80,
        "cases120": cases120,
        "entities120": entities120,
        "links120": links120,
        "sources120": sources120,
        "detail120": detail120,
        "results120": results120,
        "help120": help120,
    ]
}
