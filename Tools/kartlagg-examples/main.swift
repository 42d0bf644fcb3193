// Writes the example exports in Surveys/examples/ (`make examples`). The same survey
// definition always gives the same bytes.
//
//   kartlagg-examples SURVEY.yaml OUTDIR
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
guard arguments.count == 3 else {
  fail("usage: kartlagg-examples SURVEY.yaml OUTDIR", status: 64)
}
do {
  let survey = try SurveyLoader.load(path: arguments[1])
  for (name, bytes) in ExampleExports(survey: survey).generate() {
    let path = arguments[2] + "/" + name
    try AtomicFile.write(bytes, to: path)
    print("wrote \(path) (\(bytes.count) bytes)")
  }
} catch {
  fail("kartlagg-examples: \(error)", status: 1)
}
