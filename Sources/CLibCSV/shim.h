// Debian's libcsv-dev (3.0.x) ships <csv.h> and libcsv.so but no pkg-config file,
// so the module map links "csv" by name. Only the LibCSV target imports this module.
#ifndef KARTLAGG_CLIBCSV_SHIM_H
#define KARTLAGG_CLIBCSV_SHIM_H
#include <csv.h>
#endif
