// swift-tools-version:6.0
import PackageDescription

// Dependencies point down: Model <- Store/Engine/Exchange/Render <- TUI <- executables.
// Only DossierStore touches store files; only CNcursesw/DossierTUI touch ncurses.
let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .executable(name: "dossier-bench", targets: ["dossier-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "DossierModel"),
        // The CPU's CRC-32C instruction for the store's checksums (falls back to DossierStore's table code).
        .target(name: "CDossierCRC"),
        // scrypt's memory-hard core on SSE2 for the passphrase key (swift-crypto's scrypt stays the reference).
        .target(name: "CDossierScrypt"),
        .target(
            name: "DossierStore",
            dependencies: [
                "DossierModel", "CDossierCRC", "CDossierScrypt",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierEngine",
            dependencies: ["DossierModel", .product(name: "Collections", package: "swift-collections")]
        ),
        .target(
            name: "DossierExchange",
            dependencies: [
                "DossierModel",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierRender",
            dependencies: [
                "DossierModel", "DossierEngine",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Collections", package: "swift-collections"),
            ]
        ),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(
            name: "DossierTUI",
            dependencies: ["DossierModel", "DossierStore", "DossierEngine", "DossierExchange", "DossierRender", "CNcursesw"]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierModel", "DossierStore", "DossierEngine", "DossierExchange", "DossierRender", "DossierTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "dossier-bench",
            dependencies: [
                "DossierModel", "DossierStore", "DossierEngine", "DossierExchange", "DossierRender", "DossierTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel"]),
        .testTarget(name: "DossierStoreTests", dependencies: ["DossierStore", "DossierModel"]),
        .testTarget(name: "DossierEngineTests", dependencies: ["DossierEngine", "DossierModel"]),
        .testTarget(name: "DossierExchangeTests", dependencies: ["DossierExchange", "DossierModel", "DossierStore"]),
        .testTarget(name: "DossierRenderTests", dependencies: ["DossierRender", "DossierModel", "DossierEngine"]),
        .testTarget(name: "DossierTUITests", dependencies: ["DossierTUI", "DossierRender", "DossierModel"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier"]),
    ],
    swiftLanguageModes: [.v6]
)
