// swift-tools-version:6.1
import PackageDescription

let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let nioConcurrency: Target.Dependency = .product(name: "NIOConcurrencyHelpers", package: "swift-nio")
let nioSSL: Target.Dependency = .product(name: "NIOSSL", package: "swift-nio-ssl")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let cryptoExtras: Target.Dependency = .product(name: "_CryptoExtras", package: "swift-crypto")
let x509: Target.Dependency = .product(name: "X509", package: "swift-certificates")
let asn1: Target.Dependency = .product(name: "SwiftASN1", package: "swift-asn1")

/// The seven shipped command-line tools; each is a thin `main.swift` over `KafkaTools` or `KafkaServerStartCommand`.
let toolNames = [
    "kafka-topics", "kafka-console-producer", "kafka-console-consumer", "kafka-consumer-groups",
    "kafka-configs", "kafka-dump-log", "kafka-server-start",
]

let package = Package(
    name: "swift-kafka-tools",
    platforms: [.macOS(.v14)],
    products: toolNames.map { .executable(name: $0, targets: [$0]) } + [
        .executable(name: "kafka-protocol-gen", targets: ["kafka-protocol-gen"]),
        .library(name: "KafkaProtocol", targets: ["KafkaProtocol"]),
        .library(name: "KafkaCompression", targets: ["KafkaCompression"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // X.509 parsing for the broker's mutual-TLS principal (the client certificate's subject DN).
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // C: hardware CRC32C with a portable fallback, and the system compression/line-editing libraries.
        .target(name: "CCRC32C"),
        // mallopt for the console producer (glibc's malloc.h is not in Swift's Glibc module).
        .target(name: "CMallocTuning"),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),

        // Libraries, lowest first.
        .target(name: "KafkaProperties"),
        // TLS material, SASL mechanisms (PLAIN, SCRAM), JAAS lines and principals: shared by client and broker.
        .target(name: "KafkaSecurity", dependencies: [nioCore, nioSSL, crypto, cryptoExtras, asn1]),
        .target(name: "KafkaProtocol", dependencies: [nioCore, "CCRC32C"]),
        .target(
            name: "KafkaCompression",
            dependencies: ["KafkaProtocol", nioCore, "CZlib", "CSnappy", "CLZ4", "CZstd"]
        ),
        .target(
            name: "KafkaStorage",
            dependencies: [
                "KafkaProtocol", "KafkaCompression", nioCore, logging,
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(
            name: "KafkaClient",
            dependencies: [
                "KafkaProperties", "KafkaProtocol", "KafkaCompression", "KafkaSecurity", nioCore, nioPosix, nioSSL,
                nioConcurrency, .product(name: "NIOTLS", package: "swift-nio"), logging,
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "KafkaBroker",
            dependencies: [
                "KafkaProperties", "KafkaProtocol", "KafkaCompression", "KafkaStorage", "KafkaSecurity", nioCore, nioPosix,
                nioConcurrency, nioSSL, .product(name: "NIOTLS", package: "swift-nio"), x509, asn1, logging,
            ],
            exclude: ["SKIPPED.md"]
        ),
        .target(
            name: "KafkaCLISupport",
            dependencies: ["KafkaProperties", "KafkaProtocol", "KafkaClient", argumentParser, "CReadline", logging]
        ),
        .target(
            name: "KafkaTools",
            dependencies: [
                "KafkaCLISupport", "KafkaClient", "KafkaProperties", "KafkaStorage", "KafkaCompression", "CReadline",
                argumentParser, logging, nioCore, nioPosix, nioConcurrency,
            ]
        ),
        .target(
            name: "KafkaServerStartCommand",
            dependencies: ["KafkaBroker", "KafkaCLISupport", argumentParser, logging]
        ),
        .target(
            name: "KafkaTestSupport",
            dependencies: [
                "KafkaBroker", "KafkaStorage", "KafkaClient", "KafkaProtocol", "KafkaSecurity", nioSSL, nioConcurrency,
            ]
        ),

        // Shipped binaries.
        .executableTarget(name: "kafka-topics", dependencies: ["KafkaTools", argumentParser]),
        .executableTarget(
            name: "kafka-console-producer", dependencies: ["KafkaTools", "CMallocTuning", argumentParser]),
        .executableTarget(name: "kafka-console-consumer", dependencies: ["KafkaTools", argumentParser]),
        .executableTarget(name: "kafka-consumer-groups", dependencies: ["KafkaTools", argumentParser]),
        .executableTarget(name: "kafka-configs", dependencies: ["KafkaTools", argumentParser]),
        .executableTarget(name: "kafka-dump-log", dependencies: ["KafkaTools", argumentParser]),
        .executableTarget(name: "kafka-server-start", dependencies: ["KafkaServerStartCommand", argumentParser]),

        // The protocol generator: Foundation only, never KafkaProtocol (no bootstrap cycle).
        .target(name: "KafkaProtocolGenKit", path: "Tools/KafkaProtocolGenKit"),
        .executableTarget(
            name: "kafka-protocol-gen",
            dependencies: ["KafkaProtocolGenKit"],
            path: "Tools/kafka-protocol-gen"
        ),

        // libFuzzer target over request, response and batch decoding (`make fuzz`); a replayer in normal builds.
        .executableTarget(
            name: "kafka-protocol-fuzz",
            dependencies: ["KafkaProtocol", "KafkaCompression", nioCore],
            path: "Tools/kafka-protocol-fuzz"
        ),

        // Tests.
        .testTarget(
            name: "KafkaProtocolTests",
            dependencies: [
                "KafkaProtocol", "CCRC32C", nioCore,
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "KafkaPropertiesTests", dependencies: ["KafkaProperties"]),
        .testTarget(name: "KafkaSecurityTests", dependencies: ["KafkaSecurity", "KafkaTestSupport", nioSSL]),
        .testTarget(
            name: "KafkaClientTests",
            dependencies: ["KafkaClient", "KafkaProtocol", "KafkaTestSupport", nioCore, nioConcurrency],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "KafkaCompressionTests", dependencies: ["KafkaCompression", "KafkaProtocol", nioCore]),
        .testTarget(name: "KafkaProtocolGenTests", dependencies: ["KafkaProtocolGenKit"]),
        .testTarget(name: "KafkaStorageTests", dependencies: ["KafkaStorage", "KafkaProtocol", nioCore]),
        .testTarget(
            name: "KafkaToolsTests",
            dependencies: [
                "KafkaTools", "KafkaCLISupport", "KafkaClient", "KafkaServerStartCommand", "KafkaProtocol",
                "KafkaCompression", "KafkaSecurity", "KafkaTestSupport", nioCore, nioConcurrency, argumentParser,
            ]
        ),
        .testTarget(
            name: "KafkaBrokerTests",
            dependencies: [
                "KafkaBroker", "KafkaProtocol", "KafkaStorage", "KafkaSecurity", "KafkaTestSupport", nioCore, nioPosix,
                nioConcurrency, nioSSL, x509, logging,
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
