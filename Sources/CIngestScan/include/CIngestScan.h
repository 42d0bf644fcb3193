// Ingest's hot loop, in C for the same reason as LibCSV's parse callbacks: it runs once
// per field of every respondent row. It reads a record's fields as LibCSV lends them
// (`CSVRecord.withContiguousFields`): field k is bytes[start..<ends[k]], where start is
// ends[k-1], or the first field's start for k = 0.
#ifndef KARTLAGG_CINGESTSCAN_H
#define KARTLAGG_CINGESTSCAN_H
#include <stddef.h>
#include <stdint.h>

// The hot loop of reading answers on small integer scales: for each field of a record, a
// lone digit that its column accepts (bit d of digits[k]) is written straight to
// values[slots[k]]; every other non-empty field of a column that wants answers
// (wanted[k] != 0) is listed in pending for the caller's full decoder. Returns the number
// listed. The same loop in Swift cost about twice the instructions a field, mostly checks
// on arrays it reaches through its own state (the counts are in Benchmarks/NOTES.md,
// "Instructions per field").
static inline size_t kartlagg_scan_small_integers(
    const unsigned char *bytes, const size_t *ends, size_t start, size_t count,
    const uint16_t *digits, const int32_t *slots, const uint8_t *wanted,
    int16_t *values, int32_t *pending) {
  size_t listed = 0;
  for (size_t k = 0; k < count; k++) {
    size_t end = ends[k];
    size_t length = end - start;
    if (length == 1) {
      unsigned d = (unsigned)bytes[start] - '0';
      if (d < 10 && ((digits[k] >> d) & 1u)) {
        values[slots[k]] = (int16_t)d;
        start = end;
        continue;
      }
    }
    if (length != 0 && wanted[k]) pending[listed++] = (int32_t)k;
    start = end;
  }
  return listed;
}

// Asks the processor to start fetching the cache line at p, for a read a little later
// (IDTable's slot and Bloom filter word of the row being decoded).
static inline void kartlagg_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

#endif
