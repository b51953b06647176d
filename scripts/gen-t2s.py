#!/usr/bin/env python3
"""Regenerates server/src/text/t2s.rs from OpenCC's TSCharacters table.

    pip download --no-deps opencc-python-reimplemented==0.1.7 -d /tmp/occ
    (cd /tmp/occ && unzip -o -q *.whl)
    python3 scripts/gen-t2s.py /tmp/occ/opencc/dictionary/TSCharacters.txt > server/src/text/t2s.rs
    cargo fmt --all
"""
import sys

pairs = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if "\t" not in line:
        continue
    t, s = line.split("\t", 1)
    s = s.split(" ")[0]
    if len(t) == 1 and len(s) == 1 and t != s:
        pairs.append((t, s))
pairs.sort(key=lambda p: ord(p[0]))
print("//! Traditional → Simplified character map (one character to one character).")
print("//!")
print("//! Generated from the TSCharacters table of OpenCC (Apache-2.0; as shipped in the PyPI package")
print("//! `opencc-python-reimplemented` 0.1.7), keeping each entry's first candidate. A character map")
print("//! rather than a phrase converter, so every offset in the folded text maps back to the source.")
print("//! Regenerate with `scripts/gen-t2s.py`.")
print()
print("pub(super) static T2S: &[(char, char)] = &[")
line = ""
for t, s in pairs:
    item = "('%s','%s')," % (t, s)
    if len(line) + len(item) > 96:
        print("    " + line.rstrip())
        line = ""
    line += item + " "
if line:
    print("    " + line.rstrip())
print("];")
