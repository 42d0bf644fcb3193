// Filled in with the benchmark harness below.
