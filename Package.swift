// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DeclarationRegistry",
    products: [
        // The registry library with the layers under it, which its API uses.
        .library(name: "DeclarationRegistry",
                 targets: ["DeclarationRegistry", "RegistryStorage", "RegistryFormat", "LogClient", "TransparencyLog", "CryptoPrimitives"]),
        // The C2SP and RFC 9162 pieces alone, for another log.
        .library(name: "TransparencyLog", targets: ["TransparencyLog", "CryptoPrimitives"]),
        // A client of C2SP tlog-tiles logs over HTTP, for another log too.
        .library(name: "LogClient", targets: ["LogClient", "TransparencyLog", "CryptoPrimitives"]),
        .executable(name: "declaration", targets: ["declaration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The witness's HTTP server and its structured logs (docs/ARCHITECTURE.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Hummingbird's own transport; the witness names its channel and timers.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
    ],
    targets: [
        // OpenSSL 3's libcrypto, found through pkg-config; libssl is not used.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The layers, lowest first. Each target depends only on those
        // below it, so an import the wrong way does not compile
        // (docs/ARCHITECTURE.md).
        //
        // Ed25519 and SHA-256 on OpenSSL, hex and base64.
        .target(
            name: "CryptoPrimitives",
            dependencies: ["COpenSSL"]
        ),
        // C2SP signed notes and checkpoints, RFC 9162 Merkle trees and
        // proofs: nothing about declarations.
        .target(
            name: "TransparencyLog",
            dependencies: ["CryptoPrimitives"]
        ),
        // A C2SP tlog-tiles client over HTTP: bounded GETs with timeouts and
        // retries (URLSession from FoundationNetworking, in the toolchain),
        // the checkpoint, tiles and entry bundles. Nothing about declarations.
        .target(
            name: "LogClient",
            dependencies: ["CryptoPrimitives", "TransparencyLog"]
        ),
        // The registry's values and bytes: canonical JSON, statements,
        // entries, the ledger line, the header, the checkpoint, the rules.
        .target(
            name: "RegistryFormat",
            dependencies: ["CryptoPrimitives", "TransparencyLog"]
        ),
        // The registry on disk: its layout, files, lock, ledger file,
        // derived state and key files. The only layer that calls POSIX.
        .target(
            name: "RegistryStorage",
            dependencies: ["CryptoPrimitives", "TransparencyLog", "RegistryFormat"]
        ),
        // Verification, the registrar's transactions, the declaration,
        // localisation and export: what a program embedding the registry uses.
        .target(
            name: "DeclarationRegistry",
            dependencies: ["CryptoPrimitives", "TransparencyLog", "LogClient", "RegistryFormat", "RegistryStorage"],
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
        // A C2SP tlog-witness server: the add-checkpoint check, its durable
        // state and evidence, and the HTTP server (Hummingbird). Not part of
        // the DeclarationRegistry product; it uses RegistryStorage only for
        // its durable-file primitives.
        .target(
            name: "Witness",
            dependencies: [
                "CryptoPrimitives", "TransparencyLog", "RegistryStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "declaration",
            dependencies: [
                "CryptoPrimitives", "TransparencyLog", "LogClient", "RegistryFormat", "RegistryStorage", "DeclarationRegistry", "Witness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Throughput figures: `scripts/benchmark-crypto.sh`.
        .executableTarget(
            name: "declaration-benchmarks",
            dependencies: ["CryptoPrimitives", "TransparencyLog", "RegistryFormat", "RegistryStorage", "DeclarationRegistry"],
            path: "Benchmarks/declaration-benchmarks"
        ),
        .target(
            name: "TestSupport",
            dependencies: ["CryptoPrimitives", "TransparencyLog", "RegistryFormat", "RegistryStorage", "DeclarationRegistry"],
            path: "Tests/TestSupport",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "UnitTests",
            dependencies: ["CryptoPrimitives", "TransparencyLog", "LogClient", "RegistryFormat", "RegistryStorage", "DeclarationRegistry", "Witness", "TestSupport"],
            // The standards' published vectors (RFC 8032, RFC 8785, RFC 9162,
            // C2SP signed note and checkpoint, FIPS 180), read through `Bundle.module`.
            resources: [.copy("TestVectors")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .testTarget(
            name: "EndToEndTests",
            // Depending on the executable makes `swift test` build it first.
            // KeygenTests reads the written key files through the library;
            // the conventions' tests compare --version with its constants.
            dependencies: ["declaration", "CryptoPrimitives", "TransparencyLog", "RegistryStorage", "DeclarationRegistry", "TestSupport"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
