/* The aggregation floor for kartlagg's main job: what a careful hand-written C program
 * does with libcsv to answer the same question at its simplest. It parses the file in
 * 256 KiB chunks with the options LibCSV uses, finds the header's municipality column by
 * name ("kommun") and the answer columns (names ending in _nu or _onskat), maps each row's
 * municipality by name (a short linear search over the names seen), and sums the answers
 * "1"–"5" per municipality and column. It prints the count and the sum over everything,
 * so that the work cannot be optimised away, and its peak RSS and CPU time as csvfloor
 * does.
 *
 *   csvagg FILE...   (several files are read one after the other)
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resources.h"

#define MAX_COLUMNS 512
#define MAX_PLACES 64
#define NAME_BYTES 64

struct state {
  long row;              /* 0: the header */
  int column;            /* the field's column in the row */
  int municipality;      /* the municipality column, -1 before the header is read */
  unsigned char answer[MAX_COLUMNS]; /* 1 for an answer column */
  int place;             /* this row's municipality index */
  signed char digits[MAX_COLUMNS];   /* this row's answers, 0 for none */
  char names[MAX_PLACES][NAME_BYTES];
  int places;
  unsigned long count[MAX_PLACES][MAX_COLUMNS];
  unsigned long sum[MAX_PLACES][MAX_COLUMNS];
};

static int ends_with(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void on_field(void *field, size_t n, void *data) {
  struct state *s = data;
  const char *text = field;
  int c = s->column++;
  if (c >= MAX_COLUMNS) return;
  if (s->row == 0) {
    if (n == 6 && memcmp(text, "kommun", 6) == 0) s->municipality = c;
    s->answer[c] = ends_with(text, n, "_nu") || ends_with(text, n, "_onskat");
    return;
  }
  if (c == s->municipality) {
    size_t k = n < NAME_BYTES - 1 ? n : NAME_BYTES - 1;
    int i = 0;
    while (i < s->places && !(strlen(s->names[i]) == k && memcmp(s->names[i], text, k) == 0)) i++;
    if (i == s->places && s->places < MAX_PLACES) {
      memcpy(s->names[i], text, k);
      s->names[i][k] = 0;
      s->places++;
    }
    s->place = i < MAX_PLACES ? i : MAX_PLACES - 1;
  } else if (s->answer[c] && n == 1 && text[0] >= '1' && text[0] <= '5') {
    s->digits[c] = (signed char)(text[0] - '0');
  }
}

static void on_row(int terminator, void *data) {
  (void)terminator;
  struct state *s = data;
  if (s->column == 0) return; /* an empty row end (CRLF's LF) */
  if (s->row > 0) {
    for (int c = 0; c < s->column && c < MAX_COLUMNS; c++) {
      if (s->digits[c]) {
        s->count[s->place][c]++;
        s->sum[s->place][c] += (unsigned long)s->digits[c];
        s->digits[c] = 0;
      }
    }
  }
  s->row++;
  s->column = 0;
}

static int no_space(unsigned char c) { (void)c; return 0; }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: csvagg FILE...\n"); return 64; }
  static struct state s;
  static char buf[256 * 1024];
  unsigned long total_count = 0, total_sum = 0;
  int places = 0;
  for (int a = 1; a < argc; a++) {
    FILE *f = fopen(argv[a], "rb");
    if (!f) { perror(argv[a]); return 66; }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) return 70;
    csv_set_space_func(&p, no_space);
    s.row = 0;
    s.column = 0;
    s.municipality = -1;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
      if (csv_parse(&p, buf, n, on_field, on_row, &s) != n) {
        fprintf(stderr, "%s: %s\n", argv[a], csv_strerror(csv_error(&p)));
        return 65;
      }
    }
    csv_fini(&p, on_field, on_row, &s);
    csv_free(&p);
    fclose(f);
  }
  for (int i = 0; i < s.places; i++)
    for (int c = 0; c < MAX_COLUMNS; c++) {
      total_count += s.count[i][c];
      total_sum += s.sum[i][c];
    }
  places = s.places;
  printf("places=%d answers=%lu sum=%lu\n", places, total_count, total_sum);
  report_resources();
  return 0;
}
