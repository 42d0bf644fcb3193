// Writes the example exports in Surveys/examples/ (`make examples`). The same survey
// definition always gives the same bytes.
//
//   kartlagg-examples SURVEY.yaml OUTDIR [--round N]
//
// --round 2 and --round 3 write the same county a round and two rounds later, with known
// shifts (`AnswerModel.shift`): `make examples` writes them to Surveys/rounds/2027 and 2028.
import LibCSV
import SurveyModel

#if canImport(Glibc)
  import Glibc
#endif

func fail(_ message: String, status: Int32) -> Never {
  var bytes = Array((message + "\n").utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
  exit(status)
}

let arguments = CommandLine.arguments
let round = arguments.count == 5 && arguments[3] == "--round" ? Int(arguments[4]) : arguments.count == 3 ? 1 : nil
guard let round, (1...3).contains(round) else {
  fail("usage: kartlagg-examples SURVEY.yaml OUTDIR [--round 1|2|3]", status: 64)
}
do {
  let survey = try SurveyLoader.load(path: arguments[1])
  var examples = ExampleExports(survey: survey)
  examples.round = round
  for (name, bytes) in examples.generate() {
    let path = arguments[2] + "/" + name
    try AtomicFile.write(bytes, to: path)
    print("wrote \(path) (\(bytes.count) bytes)")
  }
} catch {
  fail("kartlagg-examples: \(error)", status: 1)
}
