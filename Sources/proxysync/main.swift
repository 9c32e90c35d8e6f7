import Foundation
import ProxySyncCLI

#if canImport(CMalloc)
import CMalloc

// Blocks of 4 MB and more (a million people's arrays) are mapped on their own and go back to
// the system when freed. Left to itself glibc raises this threshold to the largest block freed
// so far, up to 32 MB; such arrays then come from its heaps and may stay resident once freed:
// 40 to 60 MB more at a million-person nightly's peak, by the order things happened to be freed.
mallopt(M_MMAP_THRESHOLD, 4 << 20)
#endif

// The only `exit` in the program: everything else returns a status.
let status = ProxySyncCLI.run(
  Array(CommandLine.arguments.dropFirst()),
  context: Context(environment: ProcessInfo.processInfo.environment, console: .standard))
exit(status)
