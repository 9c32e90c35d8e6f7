import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for tests: one request per connection, answered by a
/// handler. Real sockets over loopback, nothing beyond it.
package final class FakeHTTPServer: @unchecked Sendable {
  package struct Request: Sendable {
    package var method: String
    package var path: String
    package var query: [String: String]
    package var headers: [String: String]
  }

  package struct Response: Sendable {
    package var status: Int
    package var headers: [(String, String)]
    package var body: Data
    /// Seconds between the body's bytes (a slow server); nil sends it at once.
    package var trickle: Double?
    package init(status: Int, headers: [(String, String)] = [], body: Data = Data(), trickle: Double? = nil) {
      self.status = status
      self.headers = headers
      self.body = body
      self.trickle = trickle
    }
  }

  package let port: UInt16
  private let socket: Int32
  private let handler: @Sendable (Request) -> Response
  private let lock = NSLock()
  private var log: [Request] = []

  /// Every request so far, in the order they arrived.
  package var requests: [Request] { lock.withLock { log } }

  package init(handler: @escaping @Sendable (Request) -> Response) throws {
    self.handler = handler
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
    guard bound == 0, listen(socket, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
    port = UInt16(bigEndian: address.sin_port)
    self.socket = socket
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit { stop() }

  package var baseURL: String { "http://127.0.0.1:\(port)" }

  private var stopped = false

  /// Stops accepting; connections being answered finish. Once only: closing the socket twice
  /// could close a descriptor another test has since been given.
  package func stop() {
    let first = lock.withLock {
      defer { stopped = true }
      return !stopped
    }
    guard first else { return }
    shutdown(socket, Int32(SHUT_RDWR))
    close(socket)
  }

  private func acceptLoop() {
    while true {
      let connection = accept(socket, nil, nil)
      if connection < 0 {
        if errno == EINTR { continue }
        return
      }
      // A thread per connection: kept-alive connections block in read between requests.
      Thread { [self] in serve(connection) }.start()
    }
  }

  /// Answers requests on one connection until the client closes it (kept alive, as Okta does).
  private func serve(_ connection: Int32) {
    defer { close(connection) }
    var received = Data()
    while answerNext(connection, &received) {}
  }

  /// Reads one request (GET: no body) and answers it; false when the connection is done.
  private func answerNext(_ connection: Int32, _ received: inout Data) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var end = received.range(of: Data("\r\n\r\n".utf8))
    while end == nil {
      let count = read(connection, &buffer, buffer.count)
      if count <= 0 { return false }
      received.append(buffer, count: count)
      end = received.range(of: Data("\r\n\r\n".utf8))
    }
    guard let end else { return false }
    let head = String(decoding: received[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    received = Data(received[end.upperBound...])
    let parts = head[0].split(separator: " ")
    guard parts.count >= 2 else { return false }
    let target = URLComponents(string: String(parts[1]))
    var query: [String: String] = [:]
    for item in target?.queryItems ?? [] { query[item.name] = item.value ?? "" }
    var headers: [String: String] = [:]
    for line in head.dropFirst() where line.contains(":") {
      let pair = line.split(separator: ":", maxSplits: 1)
      headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces)
    }
    let request = Request(method: String(parts[0]), path: target?.path ?? "", query: query, headers: headers)
    lock.withLock { log.append(request) }
    let response = handler(request)
    var text = "HTTP/1.1 \(response.status) X\r\nContent-Length: \(response.body.count)\r\n"
    for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
    var answer = Data((text + "\r\n").utf8)
    guard let trickle = response.trickle else {
      answer.append(response.body)
      return send(answer, on: connection)
    }
    guard send(answer, on: connection) else { return false }
    for byte in response.body {
      Thread.sleep(forTimeInterval: trickle)
      guard send(Data([byte]), on: connection) else { return false }
    }
    return true
  }

  /// Writes all of `bytes`; false once the client has gone (no SIGPIPE: MSG_NOSIGNAL).
  @discardableResult
  private func send(_ bytes: Data, on connection: Int32) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.send(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
        if written <= 0 { return false }
        offset += written
      }
      return true
    }
  }
}
