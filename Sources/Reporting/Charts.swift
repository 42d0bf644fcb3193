import GapAnalysis

/// The inline SVG charts of the reports. Every chart is an `<svg role="img">` with a
/// `<title>` and a `<desc>`, and stands beside a table of the same figures.
enum Charts {
  /// Blues, ColorBrewer's sequential 6-class scheme (colour-blind safe), for gap sizes.
  /// (The fifth class is Blues-7's #2171b5 rather than Blues-6's #3182bd, so that white
  /// text on it passes WCAG AA: 5.1 : 1.)
  static let gapColours = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#2171b5", "#08519c"]

  /// Where each colour class of a gap (scale points) ends: class i holds gaps below
  /// `gapBounds[i]`, the last class the rest.
  static let gapBounds = [0.25, 0.75, 1.25, 1.75, 2.25]

  /// The colour class of a gap.
  static func gapClass(_ gap: Double) -> Int { gapBounds.firstIndex { gap < $0 } ?? gapBounds.count }

  /// BrBG, ColorBrewer's diverging 5-class scheme (colour-blind safe), for the answer
  /// distributions from the lowest point to the highest.
  static let answerColours = ["#a6611a", "#dfc27d", "#d9d9d9", "#80cdc1", "#018571"]

  struct Row {
    var label: String
    var current: Double?
    var desired: Double?
    var n: Int?
    /// The gap's interval lies above zero.
    var certain: Bool
    /// The county's current and desired, marked on a municipality's chart.
    var reference: (Double?, Double?)?
  }

  /// Dumbbells: per item, current (hollow) and desired (filled), joined by the gap bar;
  /// an uncertain gap (interval reaching zero) is drawn pale and dashed. In HTML, not SVG,
  /// so that it takes the width of any screen: on a phone each statement stands on a line
  /// of its own above a bar that spans the whole scale. Each bar is an image whose
  /// accessible name gives its figures in words.
  static func dumbbell(
    id: String, title: String, description: String, rows: [Row], low: Int, high: Int, f: ReportFormat
  )
    -> HTML
  {
    func at(_ v: Double) -> HTML { fmt((v - Double(low)) / Double(max(1, high - low)) * 100) }
    let grid = HTML.join((low...high).map { "<span class=\"grid\" style=\"left:\(at(Double($0)))%\"></span>" })
    let ticks = HTML.join((low...high).map { "<span style=\"left:\(at(Double($0)))%\">\($0)</span>" })
    let axis: HTML =
      "<li class=\"bell-axis\" aria-hidden=\"true\"><span></span><span class=\"ticks\">\(ticks)</span><span></span></li>"
    let items = rows.map { row -> HTML in
      var parts: [HTML] = [grid]
      var words: [String] = []
      guard let c = row.current, let d = row.desired else {
        return
          "<li><span class=\"bell-label\">\(row.label)</span><span class=\"bell-none\">– (\(f.t(.fewerThanTheMinimumGroupSize)))</span><span></span></li>"
      }
      let weak: HTML = row.certain ? "" : " weak"
      let (a, b) = (min(c, d), max(c, d))
      parts.append(
        "<span class=\"bar\(weak)\" style=\"left:\(at(a))%;width:\(fmt((b - a) / Double(max(1, high - low)) * 100))%\"></span>"
      )
      // The county's two values told apart as the dots are: a hollow square on its
      // current state's tick, a filled one on its desired state's.
      if let (rc, rd) = row.reference {
        for (v, kind) in [(rc, "current"), (rd, "desired")] {
          guard let v else { continue }
          parts.append("<span class=\"reference \(kind)\" style=\"left:\(at(v))%\"></span>")
        }
      }
      parts.append("<span class=\"end current\" style=\"left:\(at(c))%\"></span>")
      parts.append("<span class=\"end desired\" style=\"left:\(at(d))%\"></span>")
      words.append("\(f.t(.today)) \(f.number(c)); \(f.t(.desired2)) \(f.number(d)); \(f.t(.gap)) \(f.number(d - c))")
      if !row.certain { words.append(f.t(.uncertainGap)) }
      words.append("n = \(row.n.map(String.init) ?? "–")")
      if let (rc, rd) = row.reference {
        words.append("\(f.t(.legendCounty)) \(f.t(.today)) \(f.number(rc)), \(f.t(.desired2)) \(f.number(rd))")
      }
      return
        "<li><span class=\"bell-label\">\(row.label)</span><span class=\"bell-track\" role=\"img\" aria-label=\"\(row.label): \(words.joined(separator: "; "))\">\(parts)</span><span class=\"bell-n\">n = \(row.n.map(String.init) ?? "–")</span></li>"
    }
    return "<ul class=\"bells\" id=\"\(id)\" aria-label=\"\(title)\">\(axis)\(items)</ul>"
  }

  /// An accessible SVG: role img, labelled by its title and description.
  static func frame(
    id: String, title: String, description: String, width: Double, height: Double, fixed: Bool = false, parts: [HTML]
  )
    -> HTML
  {
    let size: HTML =
      fixed
      ? "width=\"\(fmt(width))\" height=\"\(fmt(height))\""
      // Never drawn smaller than its own size, so that its text keeps at least 10 px; on a
      // phone the figure scrolls sideways in its own box instead.
      : "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" style=\"min-width:\(fmt(width))px\""
    return """
      <svg id="\(id)" role="img" aria-labelledby="\(id)-t \(id)-d" viewBox="0 0 \(fmt(width)) \(fmt(height))" \(size)>
      <title id="\(id)-t">\(title)</title><desc id="\(id)-d">\(description)</desc>
      \(parts)
      </svg>
      """
  }

  /// Diverging stacked bars: the shares of each scale point, for current and desired,
  /// centred on the middle of the scale.
  static func distribution(id: String, title: String, description: String, bars: [(label: String, counts: [Int])])
    -> HTML
  {
    var items: [HTML] = []
    for bar in bars {
      let n = Double(bar.counts.reduce(0, +))
      var parts: [HTML] = []
      var words: [String] = []
      if n > 0 {
        let k = bar.counts.count
        let shares = bar.counts.map { Double($0) / n }
        // The lower half and half of the middle point go left of the centre line; the
        // whole width is a share of 1 each way.
        var lowerShare = shares.prefix(k / 2).reduce(0, +)
        if k % 2 == 1 { lowerShare += shares[k / 2] / 2 }
        var x0 = 50 - lowerShare * 50
        for (i, share) in shares.enumerated() {
          words.append("\(i + 1): \(Int((share * 100).rounded())) %")
          guard share > 0 else { continue }
          let colour = answerColours[min(answerColours.count - 1, i * (answerColours.count - 1) / max(1, k - 1))]
          parts.append(
            "<span style=\"left:\(fmt(x0))%;width:\(fmt(share * 50))%;background:\(colour)\"></span>")
          x0 += share * 50
        }
      }
      items.append(
        "<li><span class=\"dist-label\">\(bar.label)</span><span class=\"dist-bar\" role=\"img\" aria-label=\"\(bar.label): \(words.joined(separator: ", "))\">\(parts)<span class=\"centre\"></span></span></li>"
      )
    }
    return "<ul class=\"dist\" id=\"\(id)\" aria-label=\"\(title)\">\(items)</ul>"
  }

  /// A point of the priority chart: `mark` is its number in the list beside the chart
  /// (nil for an item not listed, drawn as a small dot), `x` the mellanrum and `y` the gap.
  struct PriorityPoint {
    var mark: Int?
    var x: Double
    var y: Double
    /// The gap's interval lies above zero.
    var supported: Bool
  }

  /// The priority chart: the mellanrum of a pair (across) against the gap (up), two
  /// quantities neither of which is computed from the other (docs/statistics.md,
  /// "Priorities"), divided at the thresholds the report uses for each, with the four
  /// fields named in their corners. Drawn 342 units wide, the text of a phone's screen at
  /// 10 px or more, and never narrower than that (`frame`), so that it does not scroll
  /// sideways; wider screens scale it up to the CSS maximum. A listed point carries its
  /// number; where numbers would overlap each other or a field's name, the number moves to
  /// the nearest free place beside its point, joined to it by a line.
  static func priorityChart(
    id: String, title: String, description: String, points: [PriorityPoint], xLine: Double, yLine: Double,
    fields: (topLeft: String, topRight: String, bottomLeft: String, bottomRight: String), axes: (x: String, y: String),
    f: ReportFormat
  ) -> HTML {
    let width = 342.0
    let height = 300.0
    let (left, right, top, bottom) = (44.0, 8.0, 8.0, 40.0)
    // Across from 0 to half a point beyond the line at the least, so that both sides of it
    // show even when every mellanrum is small.
    let xHigh = max(xLine + 0.5, ((points.map(\.x).max() ?? 0) * 2).rounded(.up) / 2)
    let yLow = min(0, ((points.map(\.y).min() ?? 0) * 2).rounded(.down) / 2)
    let yHigh = max(2, ((points.map(\.y).max() ?? 0) * 2).rounded(.up) / 2)
    func x(_ v: Double) -> Double { left + v / xHigh * (width - left - right) }
    func y(_ v: Double) -> Double { height - bottom - (v - yLow) / (yHigh - yLow) * (height - top - bottom) }
    let (plotLeft, plotRight, plotTop, plotBottom) = (left, width - right, top, height - bottom)
    var parts: [HTML] = [
      "<rect x=\"\(fmt(plotLeft))\" y=\"\(fmt(plotTop))\" width=\"\(fmt(plotRight - plotLeft))\" height=\"\(fmt(plotBottom - plotTop))\" class=\"frame\"/>"
    ]
    var tick = 0.0
    while tick <= xHigh + 1e-9 {
      parts.append(
        "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(plotBottom + 14))\" class=\"axis\">\(f.number(tick, 1))</text>")
      tick += 0.5
    }
    tick = yLow
    while tick <= yHigh + 1e-9 {
      parts.append(
        "<line x1=\"\(fmt(plotLeft - 3))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(plotLeft))\" y2=\"\(fmt(y(tick)))\" class=\"grid\"/><text x=\"\(fmt(plotLeft - 5))\" y=\"\(fmt(y(tick) + 4))\" class=\"axis end\">\(f.number(tick, 1))</text>"
      )
      tick += 0.5
    }
    if xLine < xHigh {
      parts.append(
        "<line x1=\"\(fmt(x(xLine)))\" y1=\"\(fmt(plotTop))\" x2=\"\(fmt(x(xLine)))\" y2=\"\(fmt(plotBottom))\" class=\"divide\"/>"
      )
    }
    if yLine > yLow && yLine < yHigh {
      parts.append(
        "<line x1=\"\(fmt(plotLeft))\" y1=\"\(fmt(y(yLine)))\" x2=\"\(fmt(plotRight))\" y2=\"\(fmt(y(yLine)))\" class=\"divide\"/>"
      )
    }
    parts.append(
      "<text x=\"\(fmt((plotLeft + plotRight) / 2))\" y=\"\(fmt(height - 6))\" class=\"axis title\">\(axes.x)</text>")
    parts.append(
      "<text x=\"12\" y=\"\(fmt((plotTop + plotBottom) / 2))\" class=\"axis title\" transform=\"rotate(-90 12 \(fmt((plotTop + plotBottom) / 2)))\">\(axes.y)</text>"
    )
    // The fields' names in the plot's corners (10 units high; a character is taken as
    // 0,6 of that wide, more than the sans-serif fonts' average), kept clear of the numbers.
    struct Box { var x0, y0, x1, y1: Double }
    var boxes: [Box] = []
    func name(_ text: String, atRight: Bool, atTop: Bool) {
      let w = Double(text.count) * 6.0
      let tx = atRight ? plotRight - 4 : plotLeft + 4
      let ty = atTop ? plotTop + 13 : plotBottom - 5
      boxes.append(Box(x0: atRight ? tx - w : tx, y0: ty - 10, x1: atRight ? tx : tx + w, y1: ty + 2))
      parts.append(
        "<text x=\"\(fmt(tx))\" y=\"\(fmt(ty))\" class=\"quadrant\(atRight ? " end" as HTML : "")\">\(text)</text>")
    }
    name(fields.topLeft, atRight: false, atTop: true)
    name(fields.topRight, atRight: true, atTop: true)
    name(fields.bottomLeft, atRight: false, atTop: false)
    name(fields.bottomRight, atRight: true, atTop: false)
    // The unlisted items first, so that the numbered ones are drawn on top.
    for p in points where p.mark == nil {
      parts.append(
        "<circle cx=\"\(fmt(x(p.x)))\" cy=\"\(fmt(y(p.y)))\" r=\"3\" class=\"point \(p.supported ? "supported" as HTML : "other")\"/>"
      )
    }
    let radius = 9.0
    var placed: [(x: Double, y: Double)] = []
    var leaders: [(from: (x: Double, y: Double), to: (x: Double, y: Double))] = []
    /// How far a point lies from a segment.
    func distance(_ c: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
      let (dx, dy) = (b.x - a.x, b.y - a.y)
      let t = dx == 0 && dy == 0 ? 0 : min(1, max(0, ((c.x - a.x) * dx + (c.y - a.y) * dy) / (dx * dx + dy * dy)))
      let (nx, ny) = (a.x + t * dx - c.x, a.y + t * dy - c.y)
      return (nx * nx + ny * ny).squareRoot()
    }
    // Where the listed points are: a number placed elsewhere keeps clear of them too.
    let listed = points.filter { $0.mark != nil }.map { (x: x($0.x), y: y($0.y)) }
    func free(_ cx: Double, _ cy: Double, own: (x: Double, y: Double)) -> Bool {
      guard cx - radius >= plotLeft, cx + radius <= plotRight, cy - radius >= plotTop, cy + radius <= plotBottom
      else { return false }
      if placed.contains(where: {
        ($0.x - cx) * ($0.x - cx) + ($0.y - cy) * ($0.y - cy) < (2 * radius + 1) * (2 * radius + 1)
      }) {
        return false
      }
      // Its line through no other number or listed point, and on no other number's line.
      if placed.contains(where: { distance($0, own, (cx, cy)) < radius + 1 })
        || listed.contains(where: { ($0.x != own.x || $0.y != own.y) && distance($0, own, (cx, cy)) < 5 })
        || leaders.contains(where: { distance((cx, cy), $0.from, $0.to) < radius + 1 })
      {
        return false
      }
      if listed.contains(where: {
        ($0.x != own.x || $0.y != own.y)
          && ($0.x - cx) * ($0.x - cx) + ($0.y - cy) * ($0.y - cy) < (radius + 3) * (radius + 3)
      }) {
        return false
      }
      return !boxes.contains { b in
        let nx = min(max(cx, b.x0), b.x1)
        let ny = min(max(cy, b.y0), b.y1)
        return (nx - cx) * (nx - cx) + (ny - cy) * (ny - cy) < radius * radius
      }
    }
    // The listed points in their list's order: each number on its point where that is
    // free, else at the first free place on rings around it (eight directions, rightwards
    // first), else on its point.
    let diagonal = 0.5.squareRoot()
    let directions = [
      (1, 0), (diagonal, -diagonal), (0, -1), (-diagonal, -diagonal), (-1, 0), (-diagonal, diagonal), (0, 1),
      (diagonal, diagonal),
    ]
    var labels: [HTML] = []
    for p in points.filter({ $0.mark != nil }).sorted(by: { $0.mark! < $1.mark! }) {
      let (px, py) = (x(p.x), y(p.y))
      var spot = (x: px, y: py)
      if !free(px, py, own: (px, py)) {
        search: for ring in 1...6 {
          let d = Double(ring) * (2 * radius + 2)
          for (dx, dy) in directions {
            let (cx, cy) = (px + d * dx, py + d * dy)
            if free(cx, cy, own: (px, py)) {
              spot = (cx, cy)
              break search
            }
          }
        }
      }
      placed.append(spot)
      if spot.x != px || spot.y != py {
        leaders.append(((px, py), spot))
        // The lines under every number.
        parts.append(
          "<line x1=\"\(fmt(px))\" y1=\"\(fmt(py))\" x2=\"\(fmt(spot.x))\" y2=\"\(fmt(spot.y))\" class=\"leader\"/><circle cx=\"\(fmt(px))\" cy=\"\(fmt(py))\" r=\"3\" class=\"point priority\"/>"
        )
      }
      labels.append(
        "<circle cx=\"\(fmt(spot.x))\" cy=\"\(fmt(spot.y))\" r=\"\(fmt(radius))\" class=\"point priority\"/><text x=\"\(fmt(spot.x))\" y=\"\(fmt(spot.y + 4))\" class=\"pointlabel\">\(p.mark!)</text>"
      )
    }
    return frame(
      id: id, title: title, description: description, width: width, height: height, parts: parts + labels)
  }

  /// A small line chart of one item's gap over the rounds (oldest first), on a scale fitted
  /// to its values (one scale point high at the least, so that a change of 0,3 shows), the
  /// first and last value written at its ends; a round without a figure is a break. Its
  /// accessible name gives every value in words.
  static func sparkline(_ values: [Double?], rounds: [String], label: String, f: ReportFormat) -> HTML {
    let width = 150.0
    let height = 32.0
    let top = 5.0
    let side = 24.0
    func x(_ i: Int) -> Double {
      values.count < 2 ? width / 2 : side + Double(i) * (width - 2 * side) / Double(values.count - 1)
    }
    let known = values.compactMap { $0 }
    let middle = ((known.min() ?? 0) + (known.max() ?? 0)) / 2
    let span = max(1, (known.max() ?? 0) - (known.min() ?? 0))
    func y(_ v: Double) -> Double { top + (1 - (v - middle + span / 2) / span) * (height - 2 * top) }
    var parts: [HTML] = []
    if let first = values.first ?? nil {
      parts.append(
        "<text x=\"\(fmt(side - 4))\" y=\"\(fmt(y(first) + 4))\" class=\"axis end\">\(f.number(first))</text>")
    }
    if values.count > 1, let last = values.last ?? nil {
      parts.append(
        "<text x=\"\(fmt(width - side + 4))\" y=\"\(fmt(y(last) + 4))\" class=\"axis start\">\(f.number(last))</text>")
    }
    var run: [HTML] = []
    func flush() {
      if run.count > 1 { parts.append("<polyline points=\"\(HTML.join(run, separator: " "))\" class=\"spark\"/>") }
      run = []
    }
    for (i, v) in values.enumerated() {
      guard let v else {
        flush()
        continue
      }
      run.append("\(fmt(x(i))),\(fmt(y(v)))")
      parts.append("<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(v)))\" r=\"2.5\" class=\"spark\"/>")
    }
    flush()
    let words = zip(rounds, values).map { "\($0) \(f.number($1))" }.joined(separator: "; ")
    return """
      <svg role="img" aria-label="\(label): \(words)" viewBox="0 0 \(fmt(width)) \(fmt(height))" width="\(fmt(width))" height="\(fmt(height))">\(parts)</svg>
      """
  }

  /// How a dot of `dots` is drawn: by what the test says, never louder than that.
  enum DotStyle {
    /// The gap's interval lies above zero.
    case strong
    /// Not supported: pale.
    case pale
    /// A municipality's gap, larger or smaller than the rest of the county with support;
    /// neutral where the test does not tell it apart.
    case larger, smaller, neutral
  }

  /// Other figures marked on a dot row.
  enum Marker: CaseIterable {
    case county, average, previous
  }

  struct DotRow {
    /// A row that only names the rows below it.
    var heading: String?
    var label = ""
    var value: Double?
    var interval: (low: Double, high: Double)?
    var style = DotStyle.strong
    var markers: [(Marker, Double)] = []
    /// Every figure of the row in words, its accessible name.
    var words = ""

    init(heading: String) { self.heading = heading }

    init(
      label: String, value: Double?, interval: (low: Double, high: Double)?, style: DotStyle,
      markers: [(Marker, Double)] = [], words: String
    ) {
      self.label = label
      self.value = value
      self.interval = interval
      self.style = style
      self.markers = markers
      self.words = words
    }
  }

  /// A dot chart in HTML, not SVG, so that it takes the width of any screen: per row its
  /// label (on a line of its own on a phone), a track on one scale fitted to the figures
  /// (ticks every half point, zero marked), the interval as a bar, the dot, the markers,
  /// and the value with ▲/▼ where a difference is supported. Each track is an image whose
  /// accessible name gives every figure of the row in words.
  static func dots(title: String, note: String, rows: [DotRow], markers: [Marker], f: ReportFormat) -> HTML {
    let figures = rows.flatMap { row -> [Double] in
      [row.value, row.interval?.low, row.interval?.high].compactMap { $0 } + row.markers.map(\.1)
    }
    let low = min(0, ((figures.min() ?? 0) * 2).rounded(.down) / 2)
    // The same axis on every page where the figures allow: 0 to 3 at the least.
    let high = max(3, ((figures.max() ?? 1) * 2).rounded(.up) / 2)
    let step = high - low > 3 ? 1.0 : 0.5
    func at(_ v: Double) -> HTML { fmt((v - low) / (high - low) * 100) }
    var ticks: [HTML] = []
    var v = (low / step).rounded(.up) * step
    while v <= high + 1e-9 {
      ticks.append("<span style=\"left:\(at(v))%\">\(f.number(v))</span>")
      v += step
    }
    let axis: HTML =
      "<li class=\"dot-axis\" aria-hidden=\"true\"><span></span><span class=\"ticks\">\(ticks)</span><span></span></li>"
    let items = rows.map { row -> HTML in
      if let heading = row.heading { return "<li class=\"dot-heading\">\(heading)</li>" }
      var parts: [HTML] = ["<span class=\"zero\" style=\"left:\(at(0))%\"></span>"]
      let style: HTML =
        switch row.style {
        case .strong: "strong"
        case .pale: "pale"
        case .larger: "larger"
        case .smaller: "smaller"
        case .neutral: "neutral"
        }
      if let (a, b) = row.interval {
        parts.append(
          "<span class=\"ci \(style)\" style=\"left:\(at(a))%;width:\(fmt((b - a) / (high - low) * 100))%\"></span>")
      }
      for (marker, value) in row.markers {
        parts.append("<span class=\"mark \(name(marker))\" style=\"left:\(at(value))%\"></span>")
      }
      if let value = row.value { parts.append("<span class=\"dot \(style)\" style=\"left:\(at(value))%\"></span>") }
      let sign: HTML =
        row.style == .larger
        ? " <span aria-hidden=\"true\">▲</span>" : row.style == .smaller ? " <span aria-hidden=\"true\">▼</span>" : ""
      return
        "<li><span class=\"dot-label\">\(row.label)</span><span class=\"dot-track\" role=\"img\" aria-label=\"\(row.label): \(row.words)\">\(parts)</span><span class=\"dot-value\">\(f.number(row.value))\(sign)</span></li>"
    }
    let legend = markers.map { marker -> HTML in
      let words =
        switch marker {
        case .county: f.t(.legendCounty)
        case .average: f.t(.legendAverage)
        case .previous: f.t(.legendPrevious)
        }
      return "<span class=\"key\"><span class=\"mark \(name(marker))\"></span> \(words)</span>"
    }
    let styles: HTML =
      markers.isEmpty
      ? ""
      : "<span class=\"key\"><span class=\"dot larger\"></span> \(f.t(.legendLarger))</span><span class=\"key\"><span class=\"dot smaller\"></span> \(f.t(.legendSmaller))</span><span class=\"key\"><span class=\"dot neutral\"></span> \(f.t(.legendNeutral))</span>"
    return """
      <figure class="dots"><figcaption>\(title)</figcaption>
      <ul>\(axis)\(items)</ul>
      <p class="note dot-legend">\(styles)\(legend)</p>
      <p class="note">\(note)</p>
      </figure>
      """
  }

  private static func name(_ marker: Marker) -> HTML {
    switch marker {
    case .county: "county"
    case .average: "average"
    case .previous: "previous"
    }
  }

  /// A row of `rounds`: a section's or lens value's gap in every round, and ▼/▲ where the
  /// change since the previous round is supported.
  struct RoundsRow {
    var label: String
    var values: [Double?]
    /// −1: smaller with support, +1: larger with support, 0: not supported.
    var direction: Int
  }

  /// The gap in every round, one small line chart per row on a scale fitted to its values
  /// (at least one scale point high, so that a change of 0,3 shows), the years under the
  /// points and each value above its point; the chart's accessible name gives every value.
  static func rounds(title: String, note: String, rows: [RoundsRow], rounds: [String], f: ReportFormat) -> HTML {
    let (width, height, top, bottom) = (240.0, 64.0, 16.0, 16.0)
    func x(_ i: Int) -> Double {
      rounds.count < 2 ? width / 2 : 24 + Double(i) * (width - 48) / Double(rounds.count - 1)
    }
    let items = rows.map { row -> HTML in
      // Each row on its own scale fitted to its values, one scale point high at the least,
      // so that a change of 0,3 is a third of the chart's height.
      let values = row.values.compactMap { $0 }
      let middle = ((values.min() ?? 0) + (values.max() ?? 0)) / 2
      let span = max(1, (values.max() ?? 0) - (values.min() ?? 0))
      let (low, high) = (middle - span / 2, middle + span / 2)
      func y(_ v: Double) -> Double { top + (1 - (v - low) / (high - low)) * (height - top - bottom) }
      var parts: [HTML] = []
      var points: [HTML] = []
      for (i, value) in row.values.enumerated() {
        parts.append("<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height - 3))\" class=\"axis\">\(rounds[i])</text>")
        guard let value else {
          parts.append("<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height / 2))\" class=\"axis\">–</text>")
          continue
        }
        points.append("\(fmt(x(i))),\(fmt(y(value)))")
        parts.append("<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(value)))\" r=\"3.5\" class=\"spark\"/>")
        parts.append("<text x=\"\(fmt(x(i)))\" y=\"\(fmt(y(value) - 6))\" class=\"value\">\(f.number(value))</text>")
      }
      if points.count > 1 {
        parts.insert("<polyline points=\"\(HTML.join(points, separator: " "))\" class=\"spark\"/>", at: 0)
      }
      let words = zip(rounds, row.values).map { "\($0) \(f.number($1))" }.joined(separator: "; ")
      let mark: HTML =
        row.direction < 0
        ? "<span aria-hidden=\"true\">▼</span><span class=\"sr-only\">\(f.t(.significantlySmallerGap))</span>"
        : row.direction > 0
          ? "<span aria-hidden=\"true\">▲</span><span class=\"sr-only\">\(f.t(.significantlyLargerGap))</span>" : ""
      return """
        <li><span class="rounds-label">\(row.label)</span><svg role="img" aria-label="\(row.label): \(words)" viewBox="0 0 \(fmt(width)) \(fmt(height))" width="100%" preserveAspectRatio="xMidYMid meet">\(parts)</svg><span class="rounds-mark">\(mark)</span></li>
        """
    }
    return """
      <figure class="rounds"><figcaption>\(title)</figcaption>
      <ul>\(items)</ul>
      <p class="note">\(note)</p>
      </figure>
      """
  }

  /// Coordinates with one decimal, the same on every machine.
  static func fmt(_ v: Double) -> HTML {
    let rounded = (v * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(format1(rounded))
    return HTML(unescapedMarkup: text)
  }

  private static func format1(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return "\(sign)\(a / 10).\(a % 10)"
  }
}
