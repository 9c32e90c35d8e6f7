extension String {
  /// Zeros before the text up to `width` characters (hex codes, page and run numbers); text
  /// already that long is left as it is.
  package func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
