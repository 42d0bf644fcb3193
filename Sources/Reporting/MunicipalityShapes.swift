/// Sweden's 290 municipalities as outlines for the reports' maps (`Resources/kommuner.txt`,
/// SCB's *Digitala gränser*, CC0; made by `Tools/project-geo`, source and licence in
/// `Resources/kommuner-SOURCES.md`). Coordinates are SWEREF 99 TM in units of 100 m with y
/// pointing south, as SVG draws.
struct MunicipalityShapes: Sendable {
  struct Shape: Sendable, Equatable {
    /// SCB's four-digit municipality code ("0880").
    var code: String
    var name: String
    /// SVG path data: per ring `M x y`, then relative `l dx dy …`, then `z`.
    var path: String
    /// Each ring's vertices in absolute coordinates.
    var rings: [[Point]]
    /// A point inside the largest part, where a map puts a mark.
    var inside: Point
  }

  struct Point: Hashable, Sendable {
    var x: Int
    var y: Int
  }

  /// Shapes by code.
  let byCode: [String: Shape]

  /// The shapes compiled into the binary.
  static let shipped = MunicipalityShapes(text: String(decoding: PackageResources.kommuner_txt, as: UTF8.self))

  /// Reads the file's lines (`code TAB name TAB path TAB x y`; `#` starts a comment line).
  /// The file is the project's own, made by the tool: a line it cannot read is left out,
  /// which the tests of the shipped file would show.
  init(text: String) {
    var shapes: [String: Shape] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 4, let rings = Self.rings(fields[2]) else { continue }
      let mark = fields[3].split(separator: " ").compactMap { Int($0) }
      guard mark.count == 2 else { continue }
      let code = String(fields[0])
      shapes[code] = Shape(
        code: code, name: String(fields[1]), path: String(fields[2]), rings: rings,
        inside: Point(x: mark[0], y: mark[1]))
    }
    byCode = shapes
  }

  /// The absolute vertices of path data in the tool's form, nil if it is not in that form.
  static func rings(_ path: Substring) -> [[Point]]? {
    var rings: [[Point]] = []
    var ring: [Point] = []
    var numbers: [Int] = []
    var command: Character = " "
    var current = ""
    func flush() -> Bool {
      guard !current.isEmpty else { return true }
      guard let n = Int(current) else { return false }
      numbers.append(n)
      current = ""
      if numbers.count == 2 {
        if command == "M" {
          ring = [Point(x: numbers[0], y: numbers[1])]
        } else if command == "l", let last = ring.last {
          ring.append(Point(x: last.x + numbers[0], y: last.y + numbers[1]))
        } else {
          return false
        }
        numbers = []
      }
      return true
    }
    for c in path {
      switch c {
      case "M", "l", "z":
        guard flush(), numbers.isEmpty else { return nil }
        if c == "z" {
          guard ring.count >= 3 else { return nil }
          rings.append(ring)
          ring = []
        }
        command = c
      case " ":
        guard flush() else { return nil }
      case "-":
        guard flush() else { return nil }
        current = "-"
      default:
        guard c.isASCII, c.isNumber else { return nil }
        current.append(c)
      }
    }
    guard flush(), numbers.isEmpty, ring.isEmpty, !rings.isEmpty else { return nil }
    return rings
  }

  /// The smallest box around some shapes: (minimum x, minimum y, width, height).
  static func bounds(_ shapes: [Shape]) -> (x: Int, y: Int, width: Int, height: Int)? {
    let points = shapes.flatMap { $0.rings.joined() }
    guard let first = points.first else { return nil }
    var (x0, y0, x1, y1) = (first.x, first.y, first.x, first.y)
    for p in points {
      x0 = min(x0, p.x)
      y0 = min(y0, p.y)
      x1 = max(x1, p.x)
      y1 = max(y1, p.y)
    }
    return (x0, y0, x1 - x0, y1 - y0)
  }
}
