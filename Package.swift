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
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // GS1 element strings, Digital Link, barcode symbols and EPC tags: no dependencies, usable on its own.
        .target(name: "GS1", swiftSettings: swiftSettings),
        // Job-shop and flexible job-shop scheduling (construction and tabu search): no dependencies, usable on its own.
        .target(name: "Scheduling", swiftSettings: swiftSettings),
        .target(
            name: "LotlineCore",
            dependencies: ["GS1", "Scheduling", .product(name: "Crypto", package: "swift-crypto")],
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
            dependencies: [
                "GS1", "LotlineCore", .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineServer",
            dependencies: [
                "GS1", "LotlineCore",
                "LotlineApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The web pages' templates and style sheet, read at start.
            resources: [.copy("Web/Templates"), .copy("Web/Assets")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LotlineCLI",
            dependencies: [
                "GS1", "LotlineCore",
                "LotlineStore",
                "LotlineApp",
                "LotlineFixtures",
                "LotlineServer",
                "Scheduling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lotline",
            dependencies: ["LotlineCLI"],
            swiftSettings: swiftSettings
        ),
        // zxing-cpp, run from the tests to decode the symbols and labels we make; no product links it.
        .target(name: "BarcodeDecoding", swiftSettings: swiftSettings),
        .testTarget(
            name: "GS1Tests", dependencies: ["GS1", "BarcodeDecoding", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // The shared benchmark instances are read from their folder by path, not bundled.
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], exclude: ["Instances"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineCoreTests", dependencies: ["LotlineCore", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineStoreTests",
            dependencies: ["LotlineStore", "LotlineCore", "LotlineFixtures", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineAppTests", dependencies: ["LotlineApp", "LotlineStore", "LotlineCore", "LotlineFixtures", "BarcodeDecoding", "GS1"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LotlineCLITests",
            dependencies: [
                "LotlineCLI", "LotlineApp", "LotlineStore", "LotlineCore", "LotlineFixtures", "LotlineServer", "GS1", "BarcodeDecoding", "Scheduling",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LotlineServerTests",
            dependencies: [
                "LotlineServer", "LotlineApp", "LotlineStore", "LotlineCore", "LotlineFixtures", "GS1", "BarcodeDecoding",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
