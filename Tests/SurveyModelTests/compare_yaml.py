"""Compares kartlagg's reading of a YAML file (JSON on standard input, every scalar as
text) with PyYAML's (BaseLoader: YAML 1.1 syntax, every scalar as text). Exit 0 when the
structures are equal; otherwise prints the first difference and exits 1.

    python3 compare_yaml.py FILE [BLOCK] < kartlagg.json

BLOCK n reads the n-th ```yaml block of a Markdown file instead of the whole file.
"""
import json
import re
import sys

import yaml


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: kartlagg {type(a).__name__} {a!r:.80}, PyYAML {type(b).__name__} {b!r:.80}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} vs {list(b)}"
        for k in a:
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} vs {len(b)} entries"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
    elif a != b:
        return f"{where}: kartlagg {a!r:.80}, PyYAML {b!r:.80}"
    return None


text = open(sys.argv[1], encoding="utf-8").read()
if len(sys.argv) > 2:
    text = re.findall(r"```yaml\n(.*?)```", text, re.S)[int(sys.argv[2])]
try:
    theirs = yaml.load(text, Loader=yaml.BaseLoader)
except yaml.YAMLError as error:
    print(f"PyYAML cannot load it: {error}")
    sys.exit(1)
ours = json.load(sys.stdin)
difference = first_difference(ours, theirs)
if difference:
    print(difference)
    sys.exit(1)
print("same")
