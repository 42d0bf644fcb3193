// The callbacks are `static inline` in the header, so that Swift inlines them where it
// passes them to libcsv; SwiftPM needs a source file for the target.
#include "CLibCSVCallbacks.h"
