/* What both floors report to run.py on standard error: this process's peak RSS (from
 * /proc/self/status: wait4's ru_maxrss would include the parent's memory before exec)
 * and its CPU time. */
#ifndef KARTLAGG_FLOOR_RESOURCES_H
#define KARTLAGG_FLOOR_RESOURCES_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static void report_resources(void) {
  FILE *status = fopen("/proc/self/status", "r");
  char line[256];
  while (status && fgets(line, sizeof line, status))
    if (strncmp(line, "VmHWM:", 6) == 0) fprintf(stderr, "peak_rss_kb=%ld\n", strtol(line + 6, NULL, 10));
  if (status) fclose(status);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  fprintf(stderr, "cpu_s=%.6f\n", ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
}

#endif
