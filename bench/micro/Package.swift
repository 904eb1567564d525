// swift-tools-version:6.1
import PackageDescription

// Kept out of the root package so that building or testing the tools never builds benchmarks.
// Build in release: swift build -c release --package-path bench/micro
let package = Package(
    name: "kafka-micro-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The name pins the package's identity; without it SwiftPM takes the checkout directory's name, which
        // differs between clones and worktrees.
        .package(name: "swift-kafka-tools", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "kafka-micro-bench",
            dependencies: [
                .product(name: "KafkaProtocol", package: "swift-kafka-tools"),
                .product(name: "KafkaCompression", package: "swift-kafka-tools"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
    ]
)
