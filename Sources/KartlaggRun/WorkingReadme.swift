import SourceDiagnostics

/// What the working folder is, for whoever opens it: in the run's language first.
func workingReadme(_ language: Language) -> String {
  switch language {
  case .sv: workingReadmeSwedish + "\n" + workingReadmeEnglish
  case .en: workingReadmeEnglish + "\n" + workingReadmeSwedish
  }
}

let workingReadmeEnglish = """
  Working files from kartlagg – do not share them.

  accounting.csv  what was found in each export file: rows read, accepted and rejected
  rejected.csv    the rejected rows, verbatim (they may hold names, ids and free text)
  problems.csv    answers that could not be read, with the value from the export

  The reports that may be shared are in the report folder (index.html, kommun/, csv/,
  codebook.html, questionnaire.html). A report of a stored round (report --round) has its accounting only
  here: the rejected rows and answer problems of its files are in the working folder of
  their import (arbetsfiler/<round>/ beside the store).

  """

let workingReadmeSwedish = """
  Arbetsfiler från kartlagg – sprid dem inte.

  accounting.csv  redovisning per exportfil: lästa, godtagna och avvisade rader
  rejected.csv    avvisade rader ordagrant (kan innehålla namn, id och fritext)
  problems.csv    svar som inte kunde läsas, med värdet ur exporten

  Rapporterna som får delas ligger i rapportmappen (index.html, kommun/, csv/, codebook.html,
  questionnaire.html). En rapport av en omgång i lagret (report --round) har bara sin
  redovisning här: filernas avvisade rader och svarsproblem står i arbetsfilerna från
  importen (arbetsfiler/<omgång>/ bredvid lagret).

  """
