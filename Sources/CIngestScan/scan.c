// The loop is `static inline` in the header, so that Swift inlines it at its one call;
// SwiftPM needs a source file for the target.
#include "CIngestScan.h"
