"""Writes pairs.txt: the cases icu_compare.c compares (see there).  python3 make_pairs.py"""
import itertools
import pathlib

WORDS = ["a", "A", "b", "B", "\\u00e1", "\\u00c1", "\\u00e4", "\\u00e5", "\\u00e6", "ae", "cote", "c\\u00f4te",
         "cot\\u00e9", "c\\u00f4t\\u00e9", "a-b", "ab", "a b", "a_b", "10", "9", "a10", "a9", "a01", "a1",
         "\\u00df", "ss", "resume", "r\\u00e9sum\\u00e9", "R\\u00e9sum\\u00e9", "\\u03a9", "\\u03c9", "\\u0436",
         "\\u0416", "\\u4e2d", "\\u6587", "", "-", ".", "e\\u0301", "\\u00e9", "z", "\\u00f6", "Zebra", "zebra",
         "x2y", "x10y", "co-op", "coop", "CO-OP", "\\u00f1", "n", "o"]
# (st, case, cslv, norm, num, alt, fr); -1 = ICU's default
SETTINGS = [(-1, -1, -1, -1, -1, -1, -1), (1, -1, -1, -1, -1, -1, -1), (2, -1, -1, -1, -1, -1, -1),
            (-1, 1, -1, -1, -1, -1, -1), (-1, 2, -1, -1, -1, -1, -1), (1, -1, 1, -1, -1, -1, -1),
            (-1, -1, -1, -1, 1, -1, -1), (3, -1, -1, -1, -1, 1, -1), (4, -1, -1, -1, -1, 1, -1),
            (-1, -1, -1, -1, -1, -1, 1), (5, -1, -1, -1, -1, -1, -1), (1, -1, -1, 1, 1, 1, -1)]
LOCALES = ["en", "de", "fr"]

lines = []
for k, (s1, s2) in enumerate(itertools.combinations(WORDS, 2)):
    setting = SETTINGS[k % len(SETTINGS)]
    loc = LOCALES[k % len(LOCALES)]
    lines.append("\t".join([loc, *map(str, setting), s1 or "<>", s2 or "<>"]))
pathlib.Path(__file__).with_name("pairs.txt").write_text("\n".join(lines) + "\n")
