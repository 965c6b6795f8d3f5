// swift-tools-version:5.9
// openai-admin for Swift: the uniffi-generated sources (Sources/OpenAIAdmin/OpenAIAdmin.swift,
// Sources/OpenAIAdminFFI/include/) over the Rust library libopenai_admin_uniffi, plus
// a hand-written helper (Sources/OpenAIAdmin/Paging.swift) and the error accessors that
// `cargo run -p codegen` writes (Sources/OpenAIAdmin/Errors.swift).
//
// Build the Rust library first (from the repository root):
//   cargo build --release -p openai-admin-uniffi
// then point the linker at it:
//   swift build -Xlinker -L../../target/release
//   swift test  -Xlinker -L../../target/release
// For iOS and macOS apps, package the library as an XCFramework (see the repository README).
import PackageDescription

let package = Package(
    name: "OpenAIAdmin",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [
        .library(name: "OpenAIAdmin", targets: ["OpenAIAdmin"]),
    ],
    targets: [
        // The C interface uniffi generates: header and module map in include/.
        .target(
            name: "OpenAIAdminFFI",
            path: "Sources/OpenAIAdminFFI",
            linkerSettings: [.linkedLibrary("openai_admin_uniffi")]
        ),
        .target(
            name: "OpenAIAdmin",
            dependencies: ["OpenAIAdminFFI"],
            path: "Sources/OpenAIAdmin"
        ),
        .testTarget(
            name: "OpenAIAdminTests",
            dependencies: ["OpenAIAdmin"],
            path: "Tests/OpenAIAdminTests"
        ),
    ]
)
