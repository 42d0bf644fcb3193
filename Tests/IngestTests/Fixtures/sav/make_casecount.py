"""Writes the SPSS files of SavTests' case-count test: examples/borgholm.sav (18 cases,
written by pyreadstat) with the case count of its file header changed, nothing else:

    python3 make_casecount.py casecount

The header ("$FL2", 176 bytes) holds the number of cases as a 32-bit integer at byte 80,
in the byte order its layout code (byte 64, 2 = this machine's order, little-endian here)
says; -1 means "not known" (streaming writers write it so).

casecount/unknown.sav   the count -1
casecount/five.sav      the count 5, for a file of 18 cases
"""
import os
import struct
import sys


def main(out):
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    data = bytearray(open(os.path.join(here, "examples", "borgholm.sav"), "rb").read())
    assert data[:4] == b"$FL2" and struct.unpack("<i", data[64:68])[0] == 2
    assert struct.unpack("<i", data[80:84])[0] == 18
    for name, count in (("unknown.sav", -1), ("five.sav", 5)):
        data[80:84] = struct.pack("<i", count)
        open(os.path.join(out, name), "wb").write(bytes(data))


if __name__ == "__main__":
    main(sys.argv[1])
