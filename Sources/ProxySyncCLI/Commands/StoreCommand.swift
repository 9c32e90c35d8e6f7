import ProxySyncCore

extension Option {
  static let from = Option("--from", "PATH|URL", "the store to copy")
  static let to = Option("--to", "PATH|URL", "the store to fill: a new file, or an empty database")
}

/// `proxysync store copy`: moves a whole store from one backend to another.
enum StoreCommand {
  static let copyOptions: [Option] = [.from, .to, .logFormat]

  static let command = Command.group("store", about: "", [
    ("copy", .leaf(
      usage: "proxysync store copy --from PATH|URL --to PATH|URL",
      about: """
        Copies every organization, person, group, membership, run and audit row from one store to
        another, ids kept, in one transaction: from a SQLite file to PostgreSQL
        (postgresql://user@host/db) when a company outgrows one file, or back. The target must hold
        no organization yet (a new SQLite file is created, mode 0600). The key that signs saved
        plans goes with it. Run locks are not copied: stop the nightly job while copying.
        """,
      options: copyOptions, run: copy))
  ])

  static func copy(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: copyOptions)
    _ = try arguments.positionals(0, "")
    let from = try StoreLocation(arguments.required(.from)).open(create: false, context: context)
    let to = try StoreLocation(arguments.required(.to)).open(create: true, context: context)
    guard from.location != to.location else { throw .usage("--from and --to name the same store") }
    let copied = try context.phase("copy") { () throws(ProxySyncError) in try from.copyContents(to: to) }
    context.console.out("copied \(copied.summary) from \(from.location) to \(to.location)\n")
    return .ok
  }
}
