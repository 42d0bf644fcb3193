import Foundation

/// What a kartlagg process sets about itself before its first thread starts.
public enum ProcessTuning {
  /// glibc's malloc gives a process's threads up to eight arenas per core, each keeping the
  /// memory its threads freed. The analysis starts threads of its own (`concurrentMap`) and
  /// the ingest runs files at once, so a run spread its memory over more arenas than it has
  /// cores: the 12-file main job peaked at 99–103 MB (at most 100 MB is the goal),
  /// and at 81–87 MB with glibc's `MALLOC_ARENA_MAX=2` (faster too: Benchmarks/RESULTS.md).
  /// So the arenas are limited to the cores (at least two), unless `MALLOC_ARENA_MAX` says
  /// otherwise. `mallopt` is looked up by name: Swift's Glibc module does not declare it;
  /// on other C libraries nothing is changed.
  public static func limitMallocArenas() {
    #if os(Linux)
      guard getenv("MALLOC_ARENA_MAX") == nil, let symbol = dlsym(nil, "mallopt") else { return }
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      // M_ARENA_MAX in glibc's <malloc.h>.
      let arenaMax: Int32 = -8
      _ = mallopt(arenaMax, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
    #endif
  }
}
