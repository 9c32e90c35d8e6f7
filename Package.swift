// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "proxysync",
  products: [
    .executable(name: "proxysync", targets: ["proxysync"]),
    .executable(name: "proxysync-bench", targets: ["proxysync-bench"]),
  ],
  traits: [
    // The PostgreSQL store backend, through libpq (libpq-dev). Off by default: the default
    // build needs only libsqlite3-dev. `swift build --traits PostgreSQL`.
    .trait(name: "PostgreSQL", description: "The PostgreSQL store backend (libpq)")
  ],
  targets: [
    // The only C surface: links the system SQLite library (libsqlite3-dev).
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // libpq, only with the PostgreSQL trait.
    // glibc's <malloc.h>: the program sets how large blocks go back to the system.
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    // Pure: model, desired-state rules, planner, guard, plan rendering. No I/O.
    .target(name: "ProxySyncCore"),
    // Export folder -> DirectorySnapshot, with diagnostics that name file and line.
    .target(name: "ProxySyncReaders", dependencies: ["ProxySyncCore"]),
    // Every line of SQL lives here, behind an interface that speaks domain values.
    .target(name: "ProxySyncStore", dependencies: ["ProxySyncCore", "CSQLite"]),
    // The PostgreSQL backend of the store; empty unless built with the PostgreSQL trait.
    .target(
      name: "ProxySyncPostgres",
      dependencies: ["ProxySyncCore", .target(name: "CLibPQ", condition: .when(traits: ["PostgreSQL"]))]
    ),
    // Okta's Management API -> an export folder (`proxysync fetch`): HTTP through URLSession.
    .target(name: "ProxySyncFetch", dependencies: ["ProxySyncCore"]),
    // Argument parsing, one file per command, the one exit-status mapping.
    .target(
      name: "ProxySyncCLI",
      dependencies: ["ProxySyncCore", "ProxySyncReaders", "ProxySyncStore", "ProxySyncPostgres", "ProxySyncFetch"]
    ),
    .executableTarget(name: "proxysync", dependencies: ["ProxySyncCLI", "CMalloc"]),
    // Generates realistic exports and times proxysync on them (see BENCHMARKS.md).
    // The C++ file is the parser anchor the benchmark builds with g++ when simdjson is installed.
    .executableTarget(name: "proxysync-bench", dependencies: ["proxysync", "ProxySyncFetch"], exclude: ["simdjson_extract.cpp"]),

    .target(name: "TestSupport", dependencies: ["ProxySyncCore", "ProxySyncPostgres"], path: "Tests/TestSupport"),
    .testTarget(name: "ProxySyncCoreTests", dependencies: ["ProxySyncCore", "TestSupport"]),
    .testTarget(
      name: "ProxySyncReadersTests",
      dependencies: ["ProxySyncReaders", "TestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "ProxySyncStoreTests", dependencies: ["ProxySyncStore", "ProxySyncPostgres", "TestSupport"]),
    .testTarget(name: "ProxySyncFetchTests", dependencies: ["ProxySyncFetch", "ProxySyncReaders", "TestSupport"]),
    .testTarget(
      name: "ProxySyncCLITests",
      dependencies: ["ProxySyncCLI", "ProxySyncStore", "TestSupport", "proxysync"],
      exclude: ["Snapshots"]
    ),
  ]
)
