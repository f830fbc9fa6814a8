// swift-tools-version:6.0
import PackageDescription

// A program that embeds the registry library, as another project would: it
// sees only the library's `public` API, so building it (`.ci/run` does)
// proves that API is enough to create a registry, sign, append, verify and
// export, and that nothing the tool alone needs has to be public.
let package = Package(
    name: "DeclarationRegistryEmbedding",
    dependencies: [
        .package(name: "DeclarationRegistry", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "embedding-example",
            dependencies: [.product(name: "DeclarationRegistry", package: "DeclarationRegistry")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
