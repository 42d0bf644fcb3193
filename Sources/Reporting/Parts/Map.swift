import GapAnalysis
import SurveyModel

/// The county's municipalities on a map (issue 25, point 1): one small map per section and
/// per value of the map's lens (the development areas), each municipality coloured by its
/// gap and marked ▲/▼ only where the test says it differs from the rest of the county
/// (`GapResults.comparison`, its `Verdict`; never decided here). A hidden municipality is
/// hatched and its name says why. The outlines are SCB's (`MunicipalityShapes`); a survey
/// whose municipality codes are not all SCB's gets one sentence instead of a map.
extension GapReports {
  /// The tag vocabulary the map shows beside the sections: the heat map's, else the
  /// first of the brief's (the development areas in the county survey).
  var mapTag: Int? { survey.heatmapTag ?? survey.briefTags.first }

  /// The survey's municipalities' outlines in the survey's order, nil unless every code is
  /// one of SCB's.
  func mapShapes(_ shapes: MunicipalityShapes = .shipped) -> [MunicipalityShapes.Shape]? {
    let found = survey.county.municipalities.compactMap { shapes.byCode[$0.code] }
    return found.count == survey.county.municipalities.count && !found.isEmpty ? found : nil
  }

  /// The map section; `own` outlines a municipality (on its own page).
  func map(own: Int? = nil, shapes: MunicipalityShapes = .shipped) -> HTML {
    let heading: HTML = "<h2>\(f.t(.theGapsOnTheMap))</h2>"
    guard let outlines = mapShapes(shapes), let box = MunicipalityShapes.bounds(outlines) else {
      return "<section id=\"kommunkarta\">\(heading)<p>\(f.t(.noMapTheCodesAreNotSCBs))</p></section>"
    }
    let sections = sectionRows()
    let areas = mapTag.map { tagRows(vocabulary: $0) } ?? []
    var index = 0
    func maps(_ rows: [LensRow]) -> HTML {
      HTML.join(
        rows.map { row -> HTML in
          index += 1
          return smallMap(row, number: index, outlines: outlines, box: box, own: own)
        })
    }
    let ownName = own.map { survey.county.municipalities[$0].name }
    let lens = mapTag.map { survey.tagVocabularies[$0].label }
    var out: HTML = """
      <section id="kommunkarta">\(heading)
      <p>\(f.t(.oneMapPerSectionAndArea(area: (lens ?? "").lowercased(), hasArea: !areas.isEmpty)))\(ownName.map { " " + f.t(.isOutlinedInBlack(name: $0)) } ?? "")</p>
      \(mapLegend(own: ownName))
      """
    if !sections.isEmpty {
      out = out + "<h3>\(f.t(.sections))</h3><div class=\"maps\">\(maps(sections))</div>"
    }
    if let lens, !areas.isEmpty {
      out = out + "<h3>\(lens)</h3><div class=\"maps\">\(maps(areas))</div>"
    }
    return out + mapTable(sections + areas) + "<p class=\"note\">\(f.t(.boundariesFromSCB))</p></section>"
  }

  /// A municipality's figure for one group on the map: its gap (nil: hidden), whether that
  /// rests on few respondents or a wide interval, and the test's verdict against the rest.
  struct MapFigure {
    var gap: Double?
    var imprecise: Bool
    var comparison: GroupComparison
  }

  func mapFigure(_ m: Int, _ group: RollUp.Group) -> MapFigure {
    let scope = Scope(municipality: m)
    return MapFigure(
      gap: rollUp(scope, group)?.gapMean, imprecise: results.imprecise(scope, group: group),
      comparison: results.comparison(municipality: m, group: group))
  }

  /// Why a municipality has no figure on the map.
  func hiddenReason(_ m: Int) -> String {
    if heldBackSince != nil, results.heldBack.contains(Scope(municipality: m)) {
      return f.t(.hiddenSinceAnEarlierReport)
    }
    return f.t(.hiddenFewerThan(minimum: results.minimumGroupSize))
  }

  /// What a municipality's area says: its name, its gap and, with support, how it differs.
  func mapLabel(_ m: Int, _ figure: MapFigure) -> String {
    let name = survey.county.municipalities[m].name
    guard let gap = figure.gap else { return "\(name): \(hiddenReason(m))" }
    var text = "\(name): \(f.t(.gap)) \(f.number(gap))"
    if figure.imprecise { text += ", " + f.t(.uncertainGap) }
    switch figure.comparison.direction {
    case 1: text += ", " + f.t(.significantlyLargerThanInTheRest)
    case -1: text += ", " + f.t(.significantlySmallerThanInTheRest)
    default: break
    }
    return text
  }

  func smallMap(
    _ row: LensRow, number: Int, outlines: [MunicipalityShapes.Shape],
    box: (x: Int, y: Int, width: Int, height: Int), own: Int?
  ) -> HTML {
    let pad = max(box.width, box.height) / 50
    let hatch = max(box.width, box.height) / 120
    let markSize = max(box.width, box.height) / 18
    let id = "karta-\(number)"
    // The own municipality last, so that its outline lies on top of its neighbours'.
    let order = outlines.indices.filter { $0 != own } + (own.map { [$0] } ?? [])
    var areas: [HTML] = []
    var marks: [HTML] = []
    for m in order {
      let figure = mapFigure(m, row.group)
      let label = mapLabel(m, figure)
      var fill: HTML = "fill=\"url(#\(id)-dold)\""
      if let gap = figure.gap {
        let pale: HTML = figure.imprecise ? " fill-opacity=\".45\"" : ""
        fill = "fill=\"\(Charts.gapColours[Charts.gapClass(gap)])\"\(pale)"
      }
      let classes = [figure.gap == nil ? "hidden" : nil, m == own ? "own" : nil].compactMap { $0 }
      let classAttribute: HTML = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
      areas.append(
        "<path d=\"\(outlines[m].path)\" \(fill)\(classAttribute) role=\"img\" aria-label=\"\(label)\"><title>\(label)</title></path>"
      )
      let direction = figure.comparison.direction
      if direction != 0 {
        let p = outlines[m].inside
        marks.append(
          "<text x=\"\(p.x)\" y=\"\(p.y)\" font-size=\"\(markSize)\" stroke-width=\"\(markSize / 6)\" class=\"map-mark\">\(direction > 0 ? "▲" : "▼")</text>"
        )
      }
    }
    let view = "\(box.x - pad) \(box.y - pad) \(box.width + 2 * pad) \(box.height + 2 * pad)"
    return """
      <figure class="map"><figcaption id="\(id)">\(row.label)</figcaption>
      <svg viewBox="\(view)" role="group" aria-labelledby="\(id)"><defs><pattern id="\(id)-dold" patternUnits="userSpaceOnUse" width="\(2 * hatch)" height="\(2 * hatch)" patternTransform="rotate(45)"><rect width="\(2 * hatch)" height="\(2 * hatch)" fill="#fff"/><rect width="\(hatch / 2)" height="\(2 * hatch)" fill="#595959"/></pattern></defs>
      \(areas)<g aria-hidden="true">\(marks)</g></svg></figure>
      """
  }

  /// What the colours, the hatching, the marks and the outline mean.
  func mapLegend(own: String?) -> HTML {
    let bounds = Charts.gapBounds.map { f.number($0, 2) }
    let classes = Charts.gapColours.enumerated().map { i, colour -> HTML in
      let label =
        i == 0 ? "< \(bounds[0])" : i == bounds.count ? "≥ \(bounds[i - 1])" : "\(bounds[i - 1])–\(bounds[i])"
      return "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(label)</li>"
    }
    // The same classes drawn pale, as the maps draw a gap that rests on few respondents or a
    // wide interval.
    let pale = Charts.gapColours.map { colour -> HTML in
      "<span class=\"swatch pale\" style=\"background:\(colour)\"></span>"
    }
    let outline: HTML =
      own.map { "<li><span class=\"swatch own\"></span>\($0)</li>" } ?? ""
    return """
      <div class="map-legend"><p>\(f.t(.gapSizeInScalePoints)):</p><ul>\(classes)</ul>
      <ul><li>\(pale) \(f.t(.uncertainGapPale))</li><li><span class="swatch hatched"></span>\(f.t(.hiddenFewerThan(minimum: results.minimumGroupSize)))</li></ul>
      <ul><li><span aria-hidden="true">▲</span> \(f.t(.significantlyLargerThanInTheRest))</li><li><span aria-hidden="true">▼</span> \(f.t(.significantlySmallerThanInTheRest))</li>\(outline)</ul></div>
      """
  }

  /// The maps' figures as a table: a row per map, a column per municipality.
  func mapTable(_ rows: [LensRow]) -> HTML {
    let municipalities = survey.county.municipalities
    let head = municipalities.map { "<th scope=\"col\">\($0.name)</th>" as HTML }
    let body = rows.map { row -> HTML in
      let cells = municipalities.indices.map { m -> HTML in
        let figure = mapFigure(m, row.group)
        guard let gap = figure.gap else {
          return "<td class=\"num suppressed\">–<span class=\"sr-only\"> \(hiddenReason(m))</span></td>"
        }
        let mark: HTML =
          switch figure.comparison.direction {
          case 1:
            " <span aria-hidden=\"true\">▲</span><span class=\"sr-only\">\(f.t(.significantlyLargerThanInTheRest))</span>"
          case -1:
            " <span aria-hidden=\"true\">▼</span><span class=\"sr-only\">\(f.t(.significantlySmallerThanInTheRest))</span>"
          default: ""
          }
        return "<td class=\"num\">\(f.number(gap))\(mark)</td>"
      }
      return "<tr><th scope=\"row\">\(row.label)</th>\(cells)</tr>"
    }
    return """
      <details><summary>\(f.t(.theMapsAsATable))</summary>
      <table tabindex=0 class="map-table"><caption>\(f.t(.theMapsFiguresCaption))</caption>
      <thead><tr><th scope="col">\(f.t(.area))</th>\(head)</tr></thead><tbody>\(body)</tbody></table></details>
      """
  }
}
