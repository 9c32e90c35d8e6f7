import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One GET answer, whole: status, headers and the (decompressed) body.
struct HTTPAnswer {
  var status: Int
  var headers: [String: String]
  var body: Data
}

/// GET requests through one URLSession, each with a deadline for its whole answer and a cap on
/// its body, and all of them stoppable at once.
///
/// URLSession's own timeout only measures the gap between bytes: a server sending a byte every
/// 30 s keeps a request alive for ever. Here every request waits for its answer at most
/// `deadline` seconds, counting from when it was sent. Bodies are counted as they arrive,
/// decompressed, and a body past `maxBody` stops its request: a small gzip page that inflates
/// to gigabytes costs `maxBody` of memory, not the gigabytes. Redirects are refused (the token
/// never follows one).
final class HTTPTransfers: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  /// Why there is no answer.
  enum Failure: Error, Equatable {
    /// Nothing complete arrived within the deadline.
    case timedOut(seconds: Double)
    /// The body passed the cap; the request was stopped.
    case tooLarge(bytes: Int)
    /// `cancelAll` was called.
    case cancelled
    /// The system's words (connection refused, reset, bad TLS…).
    case network(String)
  }

  private let maxBody: Int
  private let lock = NSLock()
  private var session: URLSession?
  private var transfers: [Int: Transfer] = [:]
  private var cancelled = false

  init(maxBody: Int) {
    self.maxBody = maxBody
    super.init()
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.urlCredentialStorage = nil
    // Our own deadline is the one that counts; this is only URLSession's gap between bytes.
    configuration.timeoutIntervalForRequest = 3_600
    session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
  }

  /// Sends `request` and waits for the whole answer, at most `deadline` seconds.
  func perform(_ request: URLRequest, deadline: Double) -> Result<HTTPAnswer, Failure> {
    let transfer = Transfer()
    let task: URLSessionDataTask? = lock.withLock {
      guard !cancelled, let session else { return nil }
      let task = session.dataTask(with: request)
      transfers[task.taskIdentifier] = transfer
      return task
    }
    guard let task else { return .failure(.cancelled) }
    task.resume()
    let answered = transfer.done.wait(timeout: .now() + .milliseconds(Int(max(0, deadline) * 1_000)))
    lock.withLock { _ = transfers.removeValue(forKey: task.taskIdentifier) }
    guard answered == .success else {
      task.cancel()
      return .failure(lock.withLock { cancelled } ? .cancelled : .timedOut(seconds: deadline))
    }
    return transfer.result ?? .failure(.network("no response"))
  }

  /// Stops every request in flight, and every later one: they fail as `.cancelled` at once.
  ///
  /// Only the waits end here; URLSession's transfers are left to end with the process (a
  /// signal) or by themselves. Cancelling a transfer while its answer was arriving crashed
  /// Foundation's URLSession on Linux now and then, and a stopped fetch has no use for it.
  func cancelAll() {
    let waiting: [Transfer] = lock.withLock {
      cancelled = true
      defer { transfers.removeAll() }
      return Array(transfers.values)
    }
    for transfer in waiting { transfer.finish(.failure(.cancelled)) }
  }

  /// Ends the session once its transfers are done (the client is done with it).
  func close() { session?.finishTasksAndInvalidate() }

  private func transfer(_ task: URLSessionTask) -> Transfer? { lock.withLock { transfers[task.taskIdentifier] } }

  // MARK: URLSession's calls

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    // A transfer nobody waits for any more (timed out, cancelled): its data is dropped.
    guard let transfer = transfer(dataTask) else { return }
    if !transfer.append(data, limit: maxBody) {
      dataTask.cancel()
      transfer.finish(.failure(.tooLarge(bytes: maxBody)))
    }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    guard let transfer = transfer(task) else { return }
    if let http = task.response as? HTTPURLResponse, error == nil {
      var headers: [String: String] = [:]
      for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
      transfer.finish(.success(HTTPAnswer(status: http.statusCode, headers: headers, body: transfer.body)))
    } else {
      // The system's words, without the address (the caller names the path).
      transfer.finish(.failure(.network((error as NSError?)?.localizedDescription ?? "no response")))
    }
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }

  /// One request's answer as it arrives; finished once.
  private final class Transfer: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private(set) var body = Data()
    private(set) var result: Result<HTTPAnswer, Failure>?

    /// Adds a piece of the body; false when it would pass `limit`.
    func append(_ data: Data, limit: Int) -> Bool {
      lock.withLock {
        guard body.count + data.count <= limit else { return false }
        body.append(data)
        return true
      }
    }

    func finish(_ outcome: Result<HTTPAnswer, Failure>) {
      let first = lock.withLock {
        guard result == nil else { return false }
        result = outcome
        return true
      }
      if first { done.signal() }
    }
  }
}
