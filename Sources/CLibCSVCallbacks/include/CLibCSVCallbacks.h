// The two callbacks libcsv calls for every field and row end, and the space function,
// in C, because they run ~90 million times for a million respondents, and a Swift
// @convention(c) closure doing the same copy cost more than twice the instructions a
// field (the counts are in Benchmarks/NOTES.md, "Instructions per field"). They only copy
// and count; everything else (capacity, line accounting, errors, delivery) is Swift, in
// LibCSV/CSVReader.swift, which owns this struct's memory. A C target of its own (not
// the CLibCSV system library's header) so that SwiftPM rebuilds what includes it when it
// changes.
#ifndef KARTLAGG_CLIBCSVCALLBACKS_H
#define KARTLAGG_CLIBCSVCALLBACKS_H
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct kartlagg_record_mark {
  size_t first_field;  // index into ends of the record's first field
  size_t field_count;
  size_t line;         // physical line on which the record starts
} kartlagg_record_mark;

typedef struct kartlagg_parse_state {
  unsigned char *bytes;      // the fields' text, back to back
  size_t byte_count;
  size_t byte_capacity;      // grown by Swift only
  size_t *ends;              // ends[k]: offset in bytes where field k ends
  size_t field_count;
  size_t field_capacity;     // grown by Swift only
  kartlagg_record_mark *marks;
  size_t mark_count;
  size_t mark_capacity;
  size_t open_first_field;   // first field of the next record; a record is open while
                             // field_count > open_first_field
  size_t open_line;          // the line on which the next record starts
  size_t line;               // physical line after the last row end and the line
                             // breaks inside the fields of the records before it
  size_t field_breaks;       // line breaks inside the open record's finished fields
  int last_was_cr;           // the last row end was a CR: an LF right after it is CRLF
  int out_of_memory;
} kartlagg_parse_state;

// Physical line breaks in field text: LF, CRLF and a lone CR each count once. With
// CSV_REPALL_NL every CR and LF outside quotes is a row end; these are the ones inside
// quoted fields, which libcsv hands over as text.
static inline size_t kartlagg_line_breaks(const unsigned char *p, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (__builtin_expect(c > 13, 1)) continue;
    if (c == '\n' || (c == '\r' && (i + 1 == n || p[i + 1] != '\n'))) k++;
  }
  return k;
}

// Copies a field of any length but one (see kartlagg_on_field), and counts the line
// breaks in it: a field is handed over whole, however many csv_parse calls it spanned.
__attribute__((noinline)) static void kartlagg_on_longer_field(void *field, size_t length, kartlagg_parse_state *s) {
  if (length > 0) {
    memcpy(s->bytes + s->byte_count, field, length);
    s->field_breaks += kartlagg_line_breaks(s->bytes + s->byte_count, length);
  }
  s->byte_count += length;
  s->ends[s->field_count++] = s->byte_count;
}

// Copies one field. Capacity for bytes and ends is reserved by Swift before each
// csv_parse call (a chunk of L bytes yields at most L + 1 fields and L + pending bytes).
// Most survey answers are one byte; that path calls nothing and saves no registers,
// other lengths go to kartlagg_on_longer_field as a tail call.
static inline void kartlagg_on_field(void *field, size_t length, void *data) {
  kartlagg_parse_state *s = (kartlagg_parse_state *)data;
  if (__builtin_expect(length != 1, 0)) {
    kartlagg_on_longer_field(field, length, s);
    return;
  }
  size_t n = s->byte_count;
  unsigned char c = *(unsigned char *)field;
  s->bytes[n] = c;
  s->byte_count = n + 1;
  s->ends[s->field_count++] = n + 1;
  // A quoted line break alone.
  if (__builtin_expect(c == '\n' || c == '\r', 0)) s->field_breaks++;
}

// Closes the record (if fields were read since the last row end), adds the line breaks
// inside its fields and counts the row end's line break. With CSV_REPALL_NL, CRLF arrives
// as a row end by CR, then an empty one by LF. The next record starts on the line
// reached here.
static inline void kartlagg_on_row_end(int terminator, void *data) {
  kartlagg_parse_state *s = (kartlagg_parse_state *)data;
  int had_fields = s->field_count != s->open_first_field;
  s->line += s->field_breaks;
  s->field_breaks = 0;
  if (had_fields) {
    if (__builtin_expect(s->mark_count == s->mark_capacity, 0)) {
      size_t capacity = s->mark_capacity * 2;
      kartlagg_record_mark *bigger = realloc(s->marks, capacity * sizeof *bigger);
      if (!bigger) { s->out_of_memory = 1; return; }
      s->marks = bigger;
      s->mark_capacity = capacity;
    }
    kartlagg_record_mark *m = &s->marks[s->mark_count++];
    m->first_field = s->open_first_field;
    m->field_count = s->field_count - s->open_first_field;
    m->line = s->open_line;
    s->open_first_field = s->field_count;
  }
  if (terminator == '\n') {
    if (had_fields || !s->last_was_cr) s->line++;
    s->last_was_cr = 0;
  } else if (terminator == '\r') {
    s->line++;
    s->last_was_cr = 1;
  } else {
    s->last_was_cr = 0;
  }
  s->open_line = s->line;
}

// No byte is a space: libcsv's default trims spaces and tabs around unquoted fields, and
// a faithful reader leaves trimming to its caller.
static inline int kartlagg_no_space(unsigned char c) {
  (void)c;
  return 0;
}

#endif
