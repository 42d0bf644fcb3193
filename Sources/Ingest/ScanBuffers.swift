import Foundation
import LibCSV

/// The column plan as flat C buffers for `kartlagg_scan_small_integers` (CIngestScan), with room for the
/// columns it leaves to Swift; freed with the last reference.
final class ScanBuffers {
  let digits: UnsafeMutablePointer<UInt16>
  let slots: UnsafeMutablePointer<Int32>
  let wanted: UnsafeMutablePointer<UInt8>
  let pending: UnsafeMutablePointer<Int32>

  init(columns: [(digits: UInt16, slot: Int32, wanted: Bool)]) {
    let n = max(1, columns.count)
    digits = .allocate(capacity: n)
    slots = .allocate(capacity: n)
    wanted = .allocate(capacity: n)
    pending = .allocate(capacity: n)
    for (j, column) in columns.enumerated() {
      digits[j] = column.digits
      slots[j] = column.slot
      wanted[j] = column.wanted ? 1 : 0
    }
  }

  deinit {
    digits.deallocate()
    slots.deallocate()
    wanted.deallocate()
    pending.deallocate()
  }
}
