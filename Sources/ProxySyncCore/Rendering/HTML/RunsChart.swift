/// The nights at a glance (`runs list --format html`): per run, its changes by kind as stacked
/// bars, its duration as a line, refused, held and failed runs marked. Inline SVG, no script;
/// every text escaped. Reads the same at 7 runs and at 365: bars narrow, labels thin out.
package enum RunsChart {
  /// What a bar stacks, bottom up, with its colour.
  static let layers: [(title: String, kinds: [OperationKind], color: String)] = [
    ("creates", [.createUser, .createGroup], "#1a7f37"),
    ("updates", [.updateUser, .renameGroup, .updateGroup, .linkUser, .reactivateUser], "#bf8700"),
    ("deactivations", [.deactivateUser], "#cf222e"),
    ("membership changes", [.addMember, .removeMember], "#8c959f"),
  ]

  /// `runs` oldest first.
  package static func svg(_ runs: [RunRecord], escape: (String) -> String) -> String {
    let (width, height, left, right, top, bottom) = (1100.0, 320.0, 56.0, 56.0, 24.0, 44.0)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let totals = runs.map { run in layers.map { layer in layer.kinds.reduce(0) { $0 + (run.counts[$1.rawValue] ?? 0) } } }
    let maxChanges = max(1, totals.map { $0.reduce(0, +) }.max() ?? 1)
    let maxSeconds = max(0.001, runs.compactMap(\.durationSeconds).max() ?? 1)
    let slot = plotWidth / Double(max(runs.count, 1))
    let barWidth = max(1, slot * 0.7)
    func x(_ index: Int) -> Double { left + slot * Double(index) + (slot - barWidth) / 2 }
    func f(_ value: Double) -> String { String((value * 10).rounded() / 10) }

    var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Changes and duration per run\" xmlns=\"http://www.w3.org/2000/svg\">\n"
    // Axes and gridlines: changes on the left, seconds on the right.
    for step in 0...4 {
      let y = top + plotHeight * (1 - Double(step) / 4)
      svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" class=\"grid\"/>"
      svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" class=\"axis\" text-anchor=\"end\">\(maxChanges * step / 4)</text>"
      svg += "<text x=\"\(f(width - right + 6))\" y=\"\(f(y + 4))\" class=\"axis\">\(duration(maxSeconds * Double(step) / 4))</text>\n"
    }
    svg += "<text x=\"\(f(left))\" y=\"14\" class=\"axis\">changes</text><text x=\"\(f(width - right))\" y=\"14\" class=\"axis\" text-anchor=\"end\">duration</text>\n"
    let labelEvery = max(1, runs.count / 8)
    for (index, run) in runs.enumerated() {
      var y = top + plotHeight
      let summary = layers.indices.map { "\(layers[$0].title) \(totals[index][$0])" }.joined(separator: ", ")
      svg += "<g class=\"bar \(run.outcome.rawValue)\"><title>\(escape("\(run.id) \(run.command) \(run.startedAt): \(run.outcome.rawValue); \(summary)"))</title>"
      var deactivationsBase = y
      for (layer, count) in zip(layers, totals[index]) {
        if layer.kinds == [.deactivateUser] { deactivationsBase = y }
        guard count > 0 else { continue }
        let h = plotHeight * Double(count) / Double(maxChanges)
        y -= h
        svg += "<rect x=\"\(f(x(index)))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(max(h, 0.5)))\" fill=\"\(layer.color)\"/>"
      }
      // The guard's limit, where the run had one: how far the deactivations could go.
      if let allowed = run.counts["guard.allowed"], allowed < maxChanges * 2 {
        let limitY = max(top, deactivationsBase - plotHeight * Double(allowed) / Double(maxChanges))
        svg += "<line x1=\"\(f(x(index) - 1))\" x2=\"\(f(x(index) + barWidth + 1))\" y1=\"\(f(limitY))\" y2=\"\(f(limitY))\" class=\"limit\"/>"
      }
      // Runs that did not do what they came for are marked above the plot.
      let mark: (String, String)? =
        switch run.outcome {
        case .refused: ("#cf222e", "refused")
        case .failed: ("#1f2328", "failed")
        case .held: ("#bf8700", "held")
        default: nil
        }
      if let (color, name) = mark {
        let cx = x(index) + barWidth / 2
        svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(top - 8))\" r=\"\(f(min(5, max(2, slot / 3))))\" fill=\"\(color)\" class=\"mark \(name)\"/>"
      }
      svg += "</g>\n"
      // Dates thin out with many runs; the newest always shows, and none comes too close to it.
      let isLast = index == runs.count - 1
      if isLast || (index % labelEvery == 0 && runs.count - 1 - index >= max(1, labelEvery / 2)) {
        svg += "<text x=\"\(f(x(index) + barWidth / 2))\" y=\"\(f(height - bottom + 16))\" class=\"axis\" text-anchor=\"middle\">\(escape(String(run.startedAt.prefix(10))))</text>\n"
      }
    }
    let points = runs.enumerated().compactMap { index, run in
      run.durationSeconds.map { "\(f(x(index) + barWidth / 2)),\(f(top + plotHeight * (1 - $0 / maxSeconds)))" }
    }
    // Past two months of nights, a thinner, lighter line: the bars stay readable under it.
    let busy = runs.count > 60 ? " busy" : ""
    if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"duration\(busy)\"/>\n" }
    // The legend.
    var legendX = left
    for layer in layers {
      svg += "<rect x=\"\(f(legendX))\" y=\"\(f(height - 14))\" width=\"10\" height=\"10\" fill=\"\(layer.color)\"/><text x=\"\(f(legendX + 14))\" y=\"\(f(height - 5))\" class=\"axis\">\(escape(layer.title))</text>"
      legendX += 150
    }
    svg += "<line x1=\"\(f(legendX))\" x2=\"\(f(legendX + 18))\" y1=\"\(f(height - 9))\" y2=\"\(f(height - 9))\" class=\"duration\"/><text x=\"\(f(legendX + 22))\" y=\"\(f(height - 5))\" class=\"axis\">duration</text>"
    legendX += 100
    svg += "<line x1=\"\(f(legendX))\" x2=\"\(f(legendX + 14))\" y1=\"\(f(height - 9))\" y2=\"\(f(height - 9))\" class=\"limit\"/><text x=\"\(f(legendX + 18))\" y=\"\(f(height - 5))\" class=\"axis\">guard limit</text>"
    legendX += 100
    for (color, name) in [("#cf222e", "refused"), ("#bf8700", "held"), ("#1f2328", "failed")] {
      svg += "<circle cx=\"\(f(legendX + 5))\" cy=\"\(f(height - 9))\" r=\"4\" fill=\"\(color)\"/><text x=\"\(f(legendX + 14))\" y=\"\(f(height - 5))\" class=\"axis\">\(name)</text>"
      legendX += 80
    }
    return svg + "\n</svg>\n"
  }

  /// "0.02 s", "3.5 s", "4 min": as precise as the scale needs.
  static func duration(_ seconds: Double) -> String {
    if seconds >= 120 { return "\(Int((seconds / 60).rounded())) min" }
    if seconds >= 10 { return "\(Int(seconds.rounded())) s" }
    if seconds >= 1 { return "\((seconds * 10).rounded() / 10) s" }
    return "\((seconds * 1000).rounded() / 1000) s"
  }

  static let css = """
    .chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px;margin:8px 0 16px}
    .chart .grid{stroke:#eaeef2;stroke-width:1}.chart .axis{font-size:11px;fill:#57606a}
    .chart .duration{fill:none;stroke:#0969da;stroke-width:2}.chart .duration.busy{stroke-width:1;stroke-opacity:.55}
    .chart .limit{stroke:#1f2328;stroke-width:2;stroke-dasharray:3 2}
    """
}
