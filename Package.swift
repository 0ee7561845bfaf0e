// swift-tools-version: 6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "lotline",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lotline", targets: ["lotline"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "LotlineCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineStore",
            dependencies: [
                "LotlineCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineFixtures",
            dependencies: ["LotlineCore", "LotlineStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineApp",
            dependencies: ["LotlineCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineCLI",
            dependencies: [
                "LotlineCore",
                "LotlineStore",
                "LotlineApp",
                "LotlineFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lotline",
            dependencies: ["LotlineCLI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LotlineCoreTests", dependencies: ["LotlineCore", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        .testTarget(name: "LotlineStoreTests", dependencies: ["LotlineStore", "LotlineCore", "LotlineFixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineAppTests", dependencies: ["LotlineApp", "LotlineStore", "LotlineCore", "LotlineFixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineCLITests",
            dependencies: ["LotlineCLI", "LotlineApp", "LotlineStore", "LotlineCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)
