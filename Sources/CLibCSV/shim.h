// Debian's libcsv-dev (3.0.x) ships <csv.h> and libcsv.so but no pkg-config file, so the
// module map links "csv" by name. Only the LibCSV target imports this module.
//
// The two callbacks libcsv calls for every field and row end live here, in C, because
// they run ~90 million times for a million respondents: measured with callgrind, a Swift
// @convention(c) closure doing the same copy cost ~40 instructions a field (thunk,
// prologue), these ~10, and that difference alone put LibCSV over 1.15 × the bare libcsv
// floor. They only copy and count; everything else (capacity, line accounting, errors,
// delivery) is Swift, in LibCSV/CSVReader.swift, which owns this struct's memory.
#ifndef KARTLAGG_CLIBCSV_SHIM_H
#define KARTLAGG_CLIBCSV_SHIM_H
#include <csv.h>
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
  size_t open_first_field;   // first field of the record being read
  size_t open_line;
  size_t line;               // physical line of the next byte libcsv hands over
  size_t row_end_break_bytes;  // CR and LF bytes reported as row ends
  int record_open;
  int last_was_cr;           // the last row end was a CR: an LF right after it is CRLF
  int out_of_memory;
} kartlagg_parse_state;

// Copies one field. Capacity for bytes and ends is reserved by Swift before each
// csv_parse call (a chunk of L bytes yields at most L + 1 fields and L + pending bytes).
static inline void kartlagg_on_field(void *field, size_t length, void *data) {
  kartlagg_parse_state *s = (kartlagg_parse_state *)data;
  if (__builtin_expect(!s->record_open, 0)) {
    s->record_open = 1;
    s->open_line = s->line;
    s->open_first_field = s->field_count;
    s->last_was_cr = 0;
  }
  if (length == 1) {
    s->bytes[s->byte_count] = *(unsigned char *)field;
  } else if (length > 0) {
    memcpy(s->bytes + s->byte_count, field, length);
  }
  s->byte_count += length;
  s->ends[s->field_count++] = s->byte_count;
}

// Closes the record (if any fields were read) and counts the line break. With
// CSV_REPALL_NL, CRLF arrives as a row end by CR then an empty row end by LF.
static inline void kartlagg_on_row_end(int terminator, void *data) {
  kartlagg_parse_state *s = (kartlagg_parse_state *)data;
  if (s->record_open) {
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
    s->record_open = 0;
  }
  if (terminator == '\n') {
    if (!s->last_was_cr) s->line++;
    s->last_was_cr = 0;
    s->row_end_break_bytes++;
  } else if (terminator == '\r') {
    s->line++;
    s->last_was_cr = 1;
    s->row_end_break_bytes++;
  } else {
    s->last_was_cr = 0;
  }
}

// No byte is a space: libcsv's default trims spaces and tabs around unquoted fields, and
// a faithful reader leaves trimming to its caller.
static inline int kartlagg_no_space(unsigned char c) {
  (void)c;
  return 0;
}

#endif
