import Foundation
import ProxySyncCore

extension FetchCommand {
  /// The API token: `--token-file` (which only its owner may read), else `OKTA_API_TOKEN`. Never
  /// an argument: command lines are visible to every user of the machine.
  static func readToken(_ arguments: Arguments, _ context: Context) throws(ProxySyncError) -> String {
    if let path = arguments[.tokenFile] {
      // Checked on the file we opened (a link is followed, to a file that must pass the same
      // checks): a regular file, ours, readable by nobody else.
      let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard descriptor >= 0 else { throw .failure("cannot read the token file \(path): \(String(cString: strerror(errno)))") }
      let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
      var status = stat()
      guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        throw .failure("the token file \(path) is not a regular file")
      }
      guard status.st_uid == geteuid() else {
        throw .failure("the token file \(path) belongs to user \(status.st_uid), not to the user running proxysync (\(geteuid())); anyone who owns it can change the token: chown it")
      }
      guard status.st_mode & 0o077 == 0 else {
        throw .failure("the token file \(path) is readable by others (mode \(String(status.st_mode & 0o777, radix: 8))); chmod 600 it")
      }
      guard let data = try? file.read(upToCount: 64 * 1024) else { throw .failure("cannot read the token file \(path)") }
      let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !token.isEmpty else { throw .failure("the token file \(path) is empty") }
      return token
    }
    guard let token = context.environment["OKTA_API_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
      throw .usage("no API token: set OKTA_API_TOKEN or pass --token-file FILE")
    }
    return token
  }
}
