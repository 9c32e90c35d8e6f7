/// The first of `0..<count` for which `belongsBefore` is false, found by halving; every index
/// for which it is true must come first (a sorted list asked "is this before what I look for?").
/// Asked by position, so no element is copied to be asked about.
package func partitionPoint(_ count: Int, _ belongsBefore: (Int) -> Bool) -> Int {
  var (low, high) = (0, count)
  while low < high {
    let middle = (low + high) / 2
    if belongsBefore(middle) { low = middle + 1 } else { high = middle }
  }
  return low
}
