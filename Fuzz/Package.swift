// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the registry's parsers, kept apart from the main
// package so that `swift test` there is unaffected. Build and run them with
// `scripts/fuzz.sh TARGET SECONDS` (docs/TESTING.md).
let package = Package(
    name: "DeclarationRegistryFuzz",
    dependencies: [
        .package(name: "DeclarationRegistry", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "fuzz-parsers",
            dependencies: ["CFuzzerDriver", .product(name: "DeclarationRegistry", package: "DeclarationRegistry")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
