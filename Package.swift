// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DeclarationRegistry",
    products: [
        .library(name: "DeclarationRegistry", targets: ["DeclarationRegistry"]),
        .executable(name: "declaration", targets: ["declaration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // OpenSSL 3's libcrypto, found through pkg-config; libssl is not used.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "DeclarationRegistry",
            dependencies: ["COpenSSL"],
            // The declaration's files, compiled into the library so the tool
            // works without the checkout. `Declaration/Embedded` is a link to
            // declarations/subnational-open-government-declaration: one copy only.
            resources: [
                .embedInCode("Declaration/Embedded/en.txt"),
                .embedInCode("Declaration/Embedded/es.txt"),
                .embedInCode("Declaration/Embedded/fr.txt"),
                .embedInCode("Declaration/Embedded/manifest.json"),
            ]
        ),
        .executableTarget(
            name: "declaration",
            dependencies: [
                "DeclarationRegistry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput figures: `scripts/benchmark-crypto.sh`.
        .executableTarget(
            name: "declaration-benchmarks",
            dependencies: ["DeclarationRegistry"],
            path: "Benchmarks/declaration-benchmarks"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["DeclarationRegistry"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "UnitTests",
            dependencies: ["DeclarationRegistry", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            // Depending on the executable makes `swift test` build it first.
            dependencies: ["declaration", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
