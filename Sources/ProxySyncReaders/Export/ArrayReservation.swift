extension Array {
  /// Room for `count` elements, made by at least doubling the room there is.
  ///
  /// A folder of pages is reserved for page by page; `reserveCapacity` makes exactly the room
  /// asked for, so each page beyond it would copy every row read so far (a million fetched
  /// users in five thousand pages: hundreds of gigabytes moved). Doubling keeps the copying
  /// linear, as appending one by one does.
  mutating func reserve(toHold count: Int) {
    guard count > capacity else { return }
    reserveCapacity(Swift.max(count, 2 * capacity))
  }
}
