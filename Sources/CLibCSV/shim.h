// Debian's libcsv-dev (3.0.x) ships <csv.h> and libcsv.so but no pkg-config file, so the
// module map links "csv" by name. libcsv's callbacks, in C, are the target
// CLibCSVCallbacks: a system library's header is not watched by SwiftPM's incremental
// builds, and a change to code kept here would not be compiled until a Swift file of
// LibCSV changed too.
#ifndef KARTLAGG_CLIBCSV_SHIM_H
#define KARTLAGG_CLIBCSV_SHIM_H
#include <csv.h>
#endif
