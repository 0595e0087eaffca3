"""Stata 14's string functions and str# storage ([FN] String functions, [U] 12.4.2).

Stata 14 counts str# widths, strlen(), substr() and strpos() in bytes of UTF-8 and the u
functions in Unicode characters; the references here are Python's own byte and character
counts, and the manual's examples where it gives them.
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

from mlmcli.expr import evaluate, evaluate_scalar

TEXTS = ["héllo", "naïve café", "中文字", "plain", "", "ß", "😀 smile", "a\u0301b"]


@pytest.fixture
def texts(new_session):
    return new_session(pd.DataFrame({"s": TEXTS}), types={"s": "str32"})


def column(session, text):
    return list(evaluate(session, text))


def test_strlen_counts_bytes_and_ustrlen_characters(texts):
    assert column(texts, "strlen(s)") == [float(len(t.encode("utf-8"))) for t in TEXTS]
    assert column(texts, "length(s)") == [float(len(t.encode("utf-8"))) for t in TEXTS]
    assert column(texts, "ustrlen(s)") == [float(len(t)) for t in TEXTS]


def test_substr_counts_bytes_and_usubstr_characters(texts):
    def by_bytes(t, a, n):
        return t.encode("utf-8")[a - 1:a - 1 + n].decode("utf-8", "replace")
    assert column(texts, "substr(s, 2, 3)") == [by_bytes(t, 2, 3) for t in TEXTS]
    assert column(texts, "usubstr(s, 2, 3)") == [t[1:4] for t in TEXTS]
    assert column(texts, "usubstr(s, -2, .)") == [t[-2:] if len(t) >= 2 else "" for t in TEXTS]
    assert column(texts, "ustrleft(s, 2)") == [t[:2] for t in TEXTS]
    assert column(texts, "ustrright(s, 2)") == [t[-2:] for t in TEXTS]


def test_positions(texts):
    def byte_pos(t, sub):
        i = t.find(sub)
        return float(len(t[:i].encode("utf-8")) + 1) if i >= 0 else 0.0
    assert column(texts, 'strpos(s, "l")') == [byte_pos(t, "l") for t in TEXTS]
    assert column(texts, 'ustrpos(s, "l")') == [float(t.find("l") + 1) for t in TEXTS]
    assert column(texts, 'ustrrpos(s, "l")') == [float(t.rfind("l") + 1) for t in TEXTS]
    assert evaluate_scalar(texts, 'ustrpos("abcabc", "b", 3)') == 5.0
    assert evaluate_scalar(texts, 'strrpos("abcabc", "bc")') == 5.0
    assert evaluate_scalar(texts, 'indexnot("abcd", "ab")') == 3.0


def test_case_functions_ascii_versus_unicode(texts):
    def ascii_upper(t):
        return "".join(c.upper() if c.isascii() else c for c in t)
    assert column(texts, "strupper(s)") == [ascii_upper(t) for t in TEXTS]
    assert column(texts, "upper(s)") == [ascii_upper(t) for t in TEXTS]
    assert column(texts, "ustrupper(s)") == [t.upper() for t in TEXTS]
    assert column(texts, "ustrlower(ustrupper(s))") == [t.upper().lower() for t in TEXTS]
    assert evaluate_scalar(texts, 'strproper("mR. joHn a. sMitH")') == "Mr. John A. Smith"  # [FN]
    assert evaluate_scalar(texts, 'ustrtitle("the city of san josé")') == "The City Of San José"


def test_unicode_normalization_and_escapes(texts):
    for form in ("nfc", "nfd", "nfkc", "nfkd"):
        assert column(texts, f'ustrnormalize(s, "{form}")') == [unicodedata.normalize(form.upper(), t) for t in TEXTS]
    assert column(texts, "ustrunescape(ustrtohex(s))") == TEXTS
    assert evaluate_scalar(texts, 'ustrtohex("нулю")') == "".join(f"\\u{ord(c):04x}" for c in "нулю")
    assert column(texts, "tobytes(s)") == ["".join(f"\\d{b:03d}" for b in t.encode("utf-8")) for t in TEXTS]
    assert evaluate_scalar(texts, "uchar(233)") == chr(233) and evaluate_scalar(texts, "uchar(-1)") == ""


def test_display_columns(texts):
    def width(t):
        return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
    assert column(texts, "udstrlen(s)") == [float(width(t)) for t in TEXTS]
    assert evaluate_scalar(texts, 'udsubstr("中文字", 1, 4)') == "中文"


# (call, value): [FN]'s examples where it gives them, else the definition worked by hand
EXAMPLES = [
    # ustrword("Parlez-vous français", 2) is "-": the string has 4 words ([FN])
    ('ustrword("Parlez-vous français", 1)', "Parlez"), ('ustrword("Parlez-vous français", 2)', "-"),
    ('ustrword("Parlez-vous français", -1)', "français"), ('ustrwordcount("Parlez-vous français")', 4.0),
    ('subinword("this is the day", "is", "X", 1)', "this X the day"), ('subinword("this is his", "is", "X", .)', "this X his"),
    # strtoname(): a Stata 13 (ASCII) name; ustrtoname(): a Stata 14 (Unicode) name
    ('strtoname("name")', "name"), ('strtoname("a name")', "a_name"), ('strtoname("5:30")', "_5_30"),
    ('strtoname("5:30", 0)', "5_30"), ('strtoname("café au lait")', "caf__au_lait"),
    ('ustrtoname("café au lait")', "café_au_lait"), ('strtoname("' + "x" * 40 + '")', "x" * 32),
    ('abbrev("displacement", 8)', "displa~t"), ('abbrev("mpg", 8)', "mpg"),
    ('plural(1, "horse")', "horse"), ('plural(2, "horse")', "horses"), ('plural(2, "glass", "+es")', "glasses"),
    ('plural(2, "mouse", "mice")', "mice"), ('plural(2, "abcdefg", "-efg")', "abcd"),
    ('soundex("Ashcraft")', "A226"), ('soundex_nara("Ashcraft")', "A261"),  # NARA: H and W do not separate codes
    ('soundex("Robert")', "R163"), ('soundex("Rupert")', "R163"),
    ('ustrregexra("aaa", "a", "b")', "bbb"), ('ustrregexrf("abc", "(b)", "[$1]")', "a[b]c"),
    ('ustrregexm("ABC", "b", 1)', 1.0), ('uisdigit("٣x")', 1.0), ('uisletter("é1")', 1.0),
    ('usubinstr("ééé", "é", "e", 2)', "eeé"), ('ustrtrim("\u00a0 x \u00a0")', "x"),
    ('strreverse("abc")', "cba"), ('ustrreverse("éa")', "aé"),
    ("char(65)", "A"), ("char(256)", ""), ("char(-1)", ""), ("uchar(256)", chr(256)),
]


@pytest.mark.parametrize("call,expected", EXAMPLES)
def test_string_function_examples(texts, call, expected):
    assert evaluate_scalar(texts, call) == expected


def test_unicode_regex_subexpressions(texts):
    assert evaluate_scalar(texts, 'ustrregexm("Héllo", "(é)l")') == 1.0
    assert evaluate_scalar(texts, "ustrregexs(1)") == "é"


def test_a_string_argument_must_be_a_string(texts):
    from mlmcli.errors import StataError

    for call in ("ustrlen(1)", 'substr("a", "b")', "strtoname(3)", 'ustrword("a b", "x")'):
        with pytest.raises(StataError) as err:
            evaluate_scalar(texts, call)
        assert err.value.rc == 109


# ----------------------------------------------------------------------------- str# in bytes
def test_generated_string_types_count_bytes(do):
    rc, out, s = do('set obs 2\ngen s = cond(_n == 1, "é", "中文")\ngen str2 t = "éé"\n'
                    'gen n = strlen(s)\ngen u = ustrlen(s)')
    assert rc == 0, out
    ds = s.data
    assert ds.types["s"] == f"str{max(len(t.encode()) for t in ('é', '中文'))}"
    assert list(ds.df["t"]) == ["é", "é"]  # 2 bytes hold one é; a character is never split
    assert list(ds.df["n"]) == [2.0, 6.0] and list(ds.df["u"]) == [1.0, 2.0]


def test_replace_promotes_by_bytes_and_compress_recast(do):
    rc, out, s = do('set obs 2\ngen str5 s = "ab"\nreplace s = "ééé" in 1\ncompress s')
    assert rc == 0, out
    assert "was str5 now str6" in out and s.data.types["s"] == "str6"
    rc, out, s = do('set obs 2\ngen str20 s = "ééé"\ncompress s\nrecast str4 s\nrecast str4 s, force', echo=True)
    assert rc == 0, out
    assert "was str20 now str6" in out
    assert "2 values would be changed; not changed" in out
    assert s.data.types["s"] == "str4" and list(s.data.df["s"]) == ["éé", "éé"]


def test_dta_round_trip_keeps_byte_widths(do, tmp_path):
    path = tmp_path / "u.dta"
    rc, out, s = do(f'set obs 1\ngen s = "naïve"\nsave "{path}"\nuse "{path}", clear\ndescribe s')
    assert rc == 0, out
    assert s.data.types["s"] == f"str{len('naïve'.encode())}" and s.data.df["s"][0] == "naïve"


def test_help_functions_lists_the_categories(do):
    rc, out, _ = do("help functions")
    assert rc == 0
    for heading in ("Mathematical", "Statistical", "String", "Programming", "Date and time", "Random-number"):
        assert heading in out
    for name in ("ustrtoname()", "nbinomialp()", "binormal()", "Cofc()", "autocode()"):
        assert name in out
    assert np.all([name in out for name in ("strlen()", "ustrlen()")])
