/// A self-contained HTML report: inline CSS, no external assets, readable without scripts.
///
/// Every piece of text goes through `escape`; only this file writes markup.
package struct HTMLPage: Sendable {
  package struct Card: Sendable {
    package var count: Int
    package var label: String
    package var anchor: String?
    package var tone: Tone
    package init(count: Int, label: String, anchor: String?, tone: Tone) {
      self.count = count
      self.label = label
      self.anchor = anchor
      self.tone = tone
    }
  }

  package enum Tone: String, Sendable { case add, change, remove, skip, neutral }

  /// A cell: plain text, or a list of `field: old → new` changes.
  package enum Cell: Sendable {
    case text(String)
    case code(String)
    case changes([(field: String, old: String?, new: String?)])
  }

  package struct Table: Sendable {
    package var anchor: String
    package var title: String
    package var tone: Tone
    package var columns: [String]
    package var rows: [[Cell]]
    /// How many rows there are in all; the table may show fewer (`rowLimit`).
    package var total: Int
    /// Where to find the rows not shown.
    package var elsewhere: String
    package init(anchor: String, title: String, tone: Tone, columns: [String], rows: [[Cell]], total: Int? = nil, elsewhere: String = "") {
      self.anchor = anchor
      self.title = title
      self.tone = tone
      self.columns = columns
      self.rows = rows
      self.total = max(total ?? rows.count, rows.count)
      self.elsewhere = elsewhere
    }
  }

  /// Rows a report shows per table unless asked for all: a million-person import has millions
  /// of changes, a page no browser opens and gigabytes to build.
  package static let rowLimit = 2_000

  package var title: String
  package var facts: [(String, String)]
  /// The guard's verdict, shown as a banner; `isAlarm` paints it red.
  package var banner: (text: String, isAlarm: Bool)?
  package var cards: [Card]
  package var tables: [Table]
  /// A picture drawn by our own code (`RunsChart`), its texts escaped there; shown after the cards.
  package var figure: String?

  package init(title: String, facts: [(String, String)], banner: (text: String, isAlarm: Bool)?, cards: [Card], tables: [Table]) {
    self.title = title
    self.facts = facts
    self.banner = banner
    self.cards = cards
    self.tables = tables
  }

  package func rendered() -> String {
    var html = """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(title))</title>
      <style>\(Self.css)\(figure == nil ? "" : RunsChart.css)</style>
      </head>
      <body>
      <header>
      <h1>\(escape(title))</h1>
      <dl>
      """
    for (name, value) in facts { html += "<dt>\(escape(name))</dt><dd>\(escape(value))</dd>" }
    html += "</dl>\n"
    if let banner {
      html += "<p class=\"banner \(banner.isAlarm ? "alarm" : "calm")\">\(escape(banner.text))</p>\n"
    }
    html += "</header>\n<nav class=\"cards\">\n"
    for card in cards {
      let body = "<span class=\"n\">\(card.count)</span><span class=\"k\">\(escape(card.label))</span>"
      let classes = "card \(card.tone.rawValue)\(card.count == 0 ? " zero" : "")"
      if let anchor = card.anchor, card.count > 0 {
        html += "<a class=\"\(classes)\" href=\"#\(escape(anchor))\">\(body)</a>\n"
      } else {
        html += "<div class=\"\(classes)\">\(body)</div>\n"
      }
    }
    html += "</nav>\n"
    if let figure { html += figure }
    html += "<p class=\"filter\" id=\"filter-row\" hidden><label>Filter rows <input id=\"filter\" type=\"search\" placeholder=\"name, email, id…\"></label></p>\n"
    if tables.isEmpty { html += "<p class=\"empty\">Nothing to change.</p>\n" }
    for table in tables {
      html += "<section id=\"\(escape(table.anchor))\" class=\"\(table.tone.rawValue)\">\n"
      html += "<h2>\(escape(table.title)) <span class=\"count\">\(table.total)</span></h2>\n<table>\n<thead><tr>"
      for column in table.columns { html += "<th>\(escape(column))</th>" }
      html += "</tr></thead>\n<tbody>\n"
      for row in table.rows {
        html += "<tr>" + row.map { "<td>\(render($0))</td>" }.joined() + "</tr>\n"
      }
      html += "</tbody>\n</table>\n"
      if table.total > table.rows.count {
        html += "<p class=\"empty\">… and \(table.total - table.rows.count) more, not shown here\(table.elsewhere.isEmpty ? "" : ": " + escape(table.elsewhere)).</p>\n"
      }
      html += "</section>\n"
    }
    html += "<footer>Made by proxysync. Values from the export are shown as text, never as markup.</footer>\n"
    html += "<script>\(Self.script)</script>\n</body>\n</html>\n"
    return html
  }

  private func render(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return escape(text)
    case .code(let text): return "<code>\(escape(text))</code>"
    case .changes(let changes):
      return "<ul class=\"changes\">" + changes.map { change in
        "<li><span class=\"field\">\(escape(change.field))</span> "
          + "<del>\(change.old.map(escape) ?? "<i>none</i>")</del> → <ins>\(change.new.map(escape) ?? "<i>none</i>")</ins></li>"
      }.joined() + "</ul>"
    }
  }

  /// Escapes the five characters that could start markup or end an attribute, and shows
  /// control characters visibly.
  package func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.escapingControlCharacters() {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  static let css = """
    :root{--add:#1a7f37;--change:#9a6700;--remove:#cf222e;--skip:#6e7781;--ink:#1f2328;--line:#d0d7de;--bg:#f6f8fa}
    *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:1180px;padding:24px}
    h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;padding-left:8px;border-left:4px solid var(--skip)}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 12px}dt{color:#57606a}dd{margin:0;word-break:break-all}
    .banner{padding:10px 14px;border-radius:6px;font-weight:600}.calm{background:#dafbe1;color:#116329}.alarm{background:#ffebe9;color:#a40e26}
    .cards{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}.card{display:flex;flex-direction:column;min-width:128px;padding:10px 14px;border:1px solid var(--line);border-radius:8px;border-top:4px solid var(--skip);color:inherit;text-decoration:none;background:#fff}
    .card .n{font-size:24px;font-weight:700}.card .k{color:#57606a;font-size:12px}.card.zero{opacity:.45}
    .add{border-top-color:var(--add)}.change{border-top-color:var(--change)}.remove{border-top-color:var(--remove)}
    section.add h2{border-color:var(--add)}section.change h2{border-color:var(--change)}section.remove h2{border-color:var(--remove)}
    table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
    th{background:var(--bg);font-weight:600;position:sticky;top:0}td{word-break:break-word}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
    .count{color:#57606a;font-weight:400}ul.changes{margin:0;padding:0;list-style:none}.field{color:#57606a}
    del{background:#ffebe9;text-decoration:line-through}ins{background:#dafbe1;text-decoration:none}
    .filter input{margin-left:8px;padding:4px 8px;width:280px}footer{margin-top:32px;color:#57606a;font-size:12px}.empty{color:#57606a}
    @media print{.filter{display:none}th{position:static}}
    """

  /// Optional: a filter box that hides rows not matching. Without scripts every row shows.
  static let script = """
    (function(){var row=document.getElementById('filter-row'),box=document.getElementById('filter');row.hidden=false;
    box.addEventListener('input',function(){var q=box.value.toLowerCase();
    document.querySelectorAll('tbody tr').forEach(function(tr){tr.style.display=tr.textContent.toLowerCase().indexOf(q)<0?'none':'';});});})();
    """
}
