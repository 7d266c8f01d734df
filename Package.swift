// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Insyn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "insyn", targets: ["insyn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "RegisterCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // Reads calendar invitations (RFC 5545) into draft meetings: a file format, so not in RegisterCore.
        .target(name: "CalendarInvitation", dependencies: ["RegisterCore"]),
        .target(
            name: "Publishing",
            dependencies: ["RegisterCore"],
            resources: [.copy("Resources/feed.xsl")]
        ),
        .target(
            name: "Delivery",
            dependencies: [
                "RegisterCore", "Publishing", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WebServer",
            dependencies: [
                "RegisterCore", "Publishing", "Delivery", "CalendarInvitation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The write API runs the register's blocking writes on NIO's thread pool.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // /metrics: requests, latency, the ledger head and the outbox in Prometheus's text format.
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Resources/schema and Resources/docs are symbolic links to Data/schema/ and Data/docs/: `.process` copies the files they point to, so the one copy of the schemas and of the ledger-hashing rule is built into the program.
            resources: [.process("Resources/schema"), .process("Resources/docs"), .copy("Resources/templates"), .copy("Resources/assets"), .copy("Resources/openapi")]
        ),
        .executableTarget(
            name: "insyn",
            dependencies: [
                "RegisterCore", "Publishing", "Delivery", "WebServer", "CalendarInvitation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "RegisterCoreTests", dependencies: ["RegisterCore"]),
        // Fixtures/: invitations made by Python's icalendar (Fixtures/make_invitations.py) and by hand, read by path.
        .testTarget(name: "CalendarInvitationTests", dependencies: ["CalendarInvitation", "RegisterCore"], exclude: ["Fixtures"]),
        .testTarget(name: "CommandLineTests", dependencies: ["insyn", "RegisterCore", "Delivery",
                                                         .product(name: "GRDB", package: "GRDB.swift"),
                                                         .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "WebServerTests",
            dependencies: ["WebServer", "RegisterCore", "Publishing", .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based")],
            // The browser checks' Python script, run by BrowserAccessibilityTests; the catalogue's rdflib check, run by DataCatalogueTests.
            exclude: ["Browser", "API/check_dcat.py"]
        ),
        .testTarget(
            name: "PublishingTests",
            dependencies: ["Publishing", "RegisterCore", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: ["Delivery", "Publishing", "RegisterCore", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
