import CLibCrypto
import Foundation
import SurveyModel
import Testing

/// `Survey.figureIdentity` checks every libcrypto call. Before, a libcrypto that could not
/// compute SHA-256 left the digest empty, and every definition had the same identity "",
/// which the store compares to decide whether a round's figures still fit.
@Suite struct FigureIdentityCryptoTests {
  /// OpenSSL 3 asked for FIPS algorithms only (`EVP_set_default_properties(nil,
  /// "fips=yes")`, as `default_properties = fips=yes` in an `OPENSSL_CONF` file does) and
  /// without a FIPS provider has no SHA-256: `EVP_DigestInit_ex` fails (`openssl dgst
  /// -sha256` under such a file says "Error setting digest … unsupported"). In a process of
  /// its own, the identity stops the run instead of being "".
  @Test func aLibcryptoWithoutSHA256StopsTheRun() async {
    await #expect(processExitsWith: .failure) {
      let survey = try SurveyLoader.load(path: repositoryRoot + "/Surveys/kalmar-primarvard.yaml")
      guard EVP_set_default_properties(nil, "fips=yes") == 1 else { return }
      _ = survey.figureIdentity
    }
  }
}
