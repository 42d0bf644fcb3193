/* The floor for kartlagg's benchmark: libcsv alone, parsing a file in 256 KiB chunks with
 * the same options LibCSV uses (strict, strict fini, report all newlines, no space
 * trimming) and callbacks that only count. Nothing can read the file faster through
 * libcsv, so LibCSV's time is reported as a ratio to this one. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resources.h"

struct counts { unsigned long fields, rows; };

static void on_field(void *s, size_t n, void *data) { (void)s; (void)n; ((struct counts *)data)->fields++; }
static void on_row(int c, void *data) { (void)c; ((struct counts *)data)->rows++; }
static int no_space(unsigned char c) { (void)c; return 0; }

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: csvfloor FILE\n"); return 64; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 66; }
  struct csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) return 70;
  csv_set_space_func(&p, no_space);
  static char buf[256 * 1024];
  struct counts c = {0, 0};
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
      fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
      return 65;
    }
  }
  csv_fini(&p, on_field, on_row, &c);
  csv_free(&p);
  fclose(f);
  printf("fields=%lu rows=%lu\n", c.fields, c.rows);
  report_resources();
  return 0;
}
