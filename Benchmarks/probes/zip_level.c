/* A measuring probe, not part of kartlagg: how much of the workbook's time is zlib's
 * deflate. libxlsxwriter 1.1.4 (Debian's) zips every part of a workbook through minizip's
 * zipOpenNewFileInZip4_64 at zlib's default level (6) and offers no option for it. Loaded
 * with LD_PRELOAD, this library passes that call on with the level in $ZIP_LEVEL instead
 * (0: stored, no compression; 1: fastest), so the same run can be timed at each level:
 *
 *   cc -O2 -shared -fPIC -o zip_level.so zip_level.c -ldl
 *   ZIP_LEVEL=0 LD_PRELOAD=$PWD/zip_level.so kartlagg-bench stages SURVEY FILE...
 *
 * Benchmarks/RESULTS.md has what it showed. kartlagg itself never loads it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

typedef void *zipFile;
typedef unsigned int uInt;
typedef unsigned long uLong;
typedef struct zip_fileinfo zip_fileinfo;
typedef int (*open_fn)(zipFile, const char *, const zip_fileinfo *, const void *, uInt, const void *, uInt,
                       const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const zip_fileinfo *info, const void *local,
                            uInt local_size, const void *global, uInt global_size, const char *comment,
                            int method, int level, int raw, int window_bits, int mem_level, int strategy,
                            const char *password, uLong crc, uLong version_made_by, uLong flag_base,
                            int zip64) {
  static open_fn next;
  if (!next) next = (open_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
  const char *asked = getenv("ZIP_LEVEL");
  if (asked) level = atoi(asked);
  return next(file, filename, info, local, local_size, global, global_size, comment, method, level, raw,
              window_bits, mem_level, strategy, password, crc, version_made_by, flag_base, zip64);
}
