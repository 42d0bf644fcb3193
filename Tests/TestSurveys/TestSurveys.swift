/// The small survey definitions the test targets share, in one place: `mini` for the
/// importer's and the analysis's unit tests, `crossed` (two respondent dimensions) for the
/// disclosure tests. Each is plain YAML text, loaded by the test that needs it.
public enum TestSurveys {
  /// The agreement scale, 1–5, with its no-answer labels and codes.
  public static let scale = """
    scales:
      - id: instamning
        points:
          - { value: 1, label: Stämmer inte alls }
          - { value: 2, label: Stämmer dåligt }
          - { value: 3, label: Stämmer delvis }
          - { value: 4, label: Stämmer ganska bra }
          - { value: 5, label: Stämmer helt }
        no_answer:
          labels: [Vet ej, Ej aktuellt]
          codes: ["-1", "-99", ".", ".."]
    """

  /// Its lines as they stand in `mini` and `crossed`, for tests that replace them.
  public static let scalePoints = """
          - { value: 1, label: Stämmer inte alls }
          - { value: 2, label: Stämmer dåligt }
          - { value: 3, label: Stämmer delvis }
          - { value: 4, label: Stämmer ganska bra }
          - { value: 5, label: Stämmer helt }
    """

  static let tag = """
    tags:
      - id: omrade
        label: Område
        values:
          - { id: samordning, label: Samordning }
    """

  /// Three municipalities, organisation (region, kommun), two paired items on 1–5 (a
  /// carries a tag), a choice and a free text: slots a_nu, a_onskat, b_nu, b_onskat, c, d.
  /// Minimum group 5.
  public static let mini = """
    kartlagg: 1
    id: mini
    title: Mini
    language: sv
    min_group_size: 5
    county:
      name: Kalmar län
      county_wide: { code: "0800", name: Hela länet, spellings: [Länsövergripande] }
      municipalities:
        - { code: "0880", name: Kalmar }
        - { code: "0821", name: Högsby }
        - { code: "0840", name: Mörbylånga }
    \(scale)
    \(tag)
    respondents:
      id: { column: respondent_id, aliases: [ResponseId] }
      municipality: { column: kommun, question: "Vilken kommun arbetar du i?" }
      dimensions:
        - id: organisation
          label: Organisation
          column: organisation
          values:
            - { id: region, label: Region Kalmar län, spellings: [Region] }
            - { id: kommun, label: Kommun }
    report:
      mellanrum: { dimension: organisation, between: [region, kommun] }
      heatmap: omrade
    sections:
      - id: mote
        title: Mötesplatser
        items:
          - id: a
            text: Vi möts regelbundet
            scale: instamning
            tags: { omrade: samordning }
            current: { column: a_nu, question: Vi möts regelbundet – Nuläge }
            desired: { column: a_onskat, question: Vi möts regelbundet – Önskat läge }
          - id: b
            text: Vi delar information
            scale: instamning
            current: { column: b_nu }
            desired: { column: b_onskat }
          - id: c
            kind: choice
            text: Finns en rutin?
            options:
              - { id: ja, label: Ja }
              - { id: nej, label: Nej }
            no_answer: [Vet ej]
            answer: { column: c }
          - id: d
            kind: text
            text: Vad saknas?
            answer: { column: d }
    """

  /// An export of `mini`, respondents `first ..< first + 15`: respondent k (id `M-k`) is of
  /// municipality k % 3 (Kalmar, Högsby, Mörbylånga), organisation Region when k % 2 == 0
  /// (else Kommun), answers a_nu = 1 + k % 4, a_onskat = 5 − k % 2, b_nu = 1 + k % 5,
  /// b_onskat = 5, c Ja when k % 4 == 0 (else Nej), and d the text "Fritext M-k, inte en
  /// siffra". Every row after the header is a respondent's, and none is rejected.
  public static func miniExport(from first: Int) -> String {
    let municipalities = ["Kalmar", "Högsby", "Mörbylånga"]
    var text = "respondent_id,kommun,organisation,a_nu,a_onskat,b_nu,b_onskat,c,d\n"
    for k in first..<(first + 15) {
      let cells = [
        "M-\(k)", municipalities[k % 3], k % 2 == 0 ? "Region" : "Kommun", "\(1 + k % 4)", "\(5 - k % 2)",
        "\(1 + k % 5)", "5", k % 4 == 0 ? "Ja" : "Nej", "\"Fritext M-\(k), inte en siffra\"",
      ]
      text += cells.joined(separator: ",") + "\n"
    }
    return text
  }

  /// Four municipalities and two respondent dimensions, so that tables cross: a
  /// municipality's groups by organisation (region, kommun, privat) and by level (mikro,
  /// meso, makro), the county's groups, and the totals. One paired item, a (slots a_nu,
  /// a_onskat), tagged. Minimum group 5.
  public static let crossed = """
    kartlagg: 1
    id: crossed
    title: Crossed
    language: sv
    min_group_size: 5
    county:
      name: Län
      county_wide: { code: "0800", name: Hela länet }
      municipalities:
        - { code: "0880", name: Kalmar }
        - { code: "0821", name: Högsby }
        - { code: "0881", name: Nybro }
        - { code: "0840", name: Mörbylånga }
    \(scale)
    \(tag)
    respondents:
      municipality: { column: kommun }
      dimensions:
        - id: organisation
          label: Organisation
          column: organisation
          values:
            - { id: region, label: Region }
            - { id: kommun, label: Kommun }
            - { id: privat, label: Privat }
        - id: niva
          label: Nivå
          column: niva
          values:
            - { id: mikro, label: Mikro }
            - { id: meso, label: Meso }
            - { id: makro, label: Makro }
    sections:
      - id: mote
        title: Mötesplatser
        items:
          - id: a
            text: A
            scale: instamning
            tags: { omrade: samordning }
            current: { column: a_nu }
            desired: { column: a_onskat }
    """
}
