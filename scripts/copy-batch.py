#!/usr/bin/env python3
"""Writes a batch of reports (2,000 unless N is given) for measuring the copy finding of
`fzlint report`.

Each report is one of the clean fixtures (tests/fixtures/clean, in turn) with a
paragraph of its own (1,500 random Han characters) after its first third of lines;
every hundredth report takes the paragraph of the one before it, so the batch holds
20 copied pairs (one in a hundred).  Usage: scripts/copy-batch.py DIR [N]
"""
import glob
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.makedirs(out, exist_ok=True)
random.seed(19)
root = os.path.join(os.path.dirname(__file__), "..")
texts = [open(p, encoding="utf-8").read()
         for p in sorted(glob.glob(os.path.join(root, "tests/fixtures/clean/*.txt")))]
han = [chr(0x4E00 + i) for i in range(3000)]
prev = None
for i in range(count):
    lines = texts[i % len(texts)].split("\n")
    own = "".join(random.choice(han) if k % 30 else "。" for k in range(1, 1501))
    if i % 100 == 1:
        own = prev
    prev = own
    k = len(lines) // 3
    lines = lines[:k] + [own] + lines[k:]
    with open(os.path.join(out, f"r{i:04d}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
