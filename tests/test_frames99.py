"""Stata 16's data frames ([D] frames, frlink, frget) and dir/ls ([D] dir) (task fr99)."""
from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HSB = os.path.join(ROOT, "samples", "data", "hsb.dta")
HSB_SCHOOLS = os.path.join(ROOT, "samples", "data", "hsb_schools.dta")

PEOPLE = """clear
input id grp x
1 1 10
2 1 11
3 2 12
4 3 13
end
frame create g
frame g {
  input grp str5 gname double gval
  2 "two" 2.5
  1 "one" 1.5
  end
  label variable gval "group value"
}
"""


# ----------------------------------------------------------------------------- frame management
def test_default_frame_pwf_and_c_frame(do):
    rc, out, s = do("frame\npwf\ndisplay c(frame)\nframe create other\ncwf other\npwf\ndisplay c(frame)")
    assert rc == 0, out
    assert out.count("  (current frame is default)") == 2
    assert "  (current frame is other)" in out and out.rstrip().endswith("other")
    assert s.current_frame == "other" and set(s.other_frames) == {"default"}


def test_frames_dir_lists_names_sizes_labels_and_unsaved_marks(do):
    rc, out, s = do(f'use "{HSB}", clear\nframe create empty\nframe copy default work\n'
                    "frame work: keep in 1/5\nframes dir")
    assert rc == 0, out
    lines = out.splitlines()[-4:]
    assert lines[0] == "  default  7185 x 8; High School and Beyond 1982 math achievement (mlmRev Hsb82)"
    assert lines[1] == "  empty    0 x 0"
    assert lines[2] == "* work     5 x 8; High School and Beyond 1982 math achievement (mlmRev Hsb82)"
    assert lines[3] == "Note: Frames marked with * contain unsaved data."
    assert s.r["frames"] == "default empty work" and s.r["changed"] == "0 0 1"


@pytest.mark.parametrize("line, rc, message", [
    ("frame change nosuch", 111, "frame nosuch not found"),
    ("frame nosuch: describe", 111, "frame nosuch not found"),
    ("frame create default", 110, "frame default already exists"),
    ("frame copy default default", 110, "frame default already exists"),
    ("frame drop default", 105, "cannot drop current frame"),
    ("frame rename nosuch x", 111, "frame nosuch not found"),
    ("frame create 1bad", 198, "1bad invalid frame name"),
    ("frame frobnicate", 198, "invalid frame subcommand frobnicate"),
    ("frame drop", 100, "framename required"),
])
def test_errors_are_statas(do, line, rc, message):
    code, out, _ = do(line)
    assert code == rc and message in out and "internal error" not in out, out


def test_copy_needs_replace_for_an_existing_frame_and_copies_deeply(do):
    rc, out, s = do("set obs 3\ngenerate x = _n\nframe create f\nframe copy default f")
    assert rc == 110 and "frame f already exists" in out
    rc, out, s = do("frame copy default f, replace\nreplace x = 0\nframe f: summarize x", session=s)
    assert rc == 0 and s.r["mean"] == 2.0, out  # the copy kept its own values


def test_drop_rename_reset(do):
    rc, out, s = do("frame create a\nframe create b\nframe drop a b\nframe rename default main\nframes dir")
    assert rc == 0 and out.splitlines()[-1].strip() == "main  0 x 0" and s.current_frame == "main", out
    rc, out, s = do("set obs 2\nframe create z\nframes reset\nframes dir", session=s)
    assert rc == 0 and out.splitlines()[-1] == "  default  0 x 0" and s.data.nobs == 0, out


def test_a_failed_drop_drops_nothing(do):
    rc, out, s = do("frame create a\nframe drop a nosuch")
    assert rc == 111 and "a" in s.other_frames


# ----------------------------------------------------------------------------- the frame prefix
def test_prefix_runs_in_the_frame_and_comes_back_even_after_an_error(do):
    rc, out, s = do(f'use "{HSB}", clear\nframe create other\nframe other: set obs 4\n'
                    "capture frame other: summarize nosuch\ndisplay _rc\npwf\ndisplay _N\nframe other: display _N")
    assert rc == 0, out
    assert "111" in out and "(current frame is default)" in out
    assert out.splitlines()[-2:] == ["7185", "4"]


def test_a_failing_command_in_a_frame_leaves_that_frame_unchanged(do):
    rc, out, s = do("frame create f\nframe f: set obs 3\nframe f: generate y = _n\ncapture frame f: replace y = nosuch\n"
                    "frame f: summarize y")
    assert rc == 0 and s.r["sum"] == 6.0 and s.current_frame == "default", out


def test_frame_blocks_nest_and_restore(do):
    rc, out, s = do("frame create a\nframe create b\nframe a {\n  quietly set obs 2\n  frame b {\n    quietly set obs 5\n  }\n"
                    "  display c(frame)\n}\ndisplay c(frame)\nframe b: display _N")
    assert rc == 0, out
    assert out.split() == ["a", "default", "5"]


def test_a_failing_block_returns_to_the_current_frame(do):
    rc, out, s = do("frame create a\nframe a {\n  set obs 2\n  summarize nosuch\n}")
    assert rc == 111 and s.current_frame == "default" and s.other_frames["a"].nobs == 2, out


def test_prefix_with_a_tempname_frame_and_macro(do):
    rc, out, s = do("set obs 3\ngenerate x = _n\ntempname t\nframe copy default `t'\nframe `t' {\n  replace x = 10 * x\n}\n"
                    "frame `t': summarize x")
    assert rc == 0 and s.r["sum"] == 60.0, out


def test_a_frame_copied_to_a_tempname_goes_when_the_program_ends(do):
    rc, out, s = do("program define p\n  tempname f\n  frame copy default `f'\n  frames dir\nend\np\nframes dir")
    assert rc == 0, out
    assert len(s.other_frames) == 0 and out.strip().splitlines()[-1].strip() == "default  0 x 0"


# ----------------------------------------------------------------------------- data and results
def test_use_save_and_clear_act_on_the_current_frame(do, tmp_path):
    target = tmp_path / "part.dta"
    rc, out, s = do(f'use "{HSB}", clear\nframe create small\nframe small: use "{HSB_SCHOOLS}", clear\n'
                    f'frame small: save "{target}"\nframe small: clear\ndisplay _N')
    assert rc == 0 and target.exists(), out
    assert s.data.nobs == 7185 and s.other_frames["small"].nobs == 0


def test_clear_all_drops_every_frame(do):
    rc, out, s = do("frame create a\nframe a: set obs 3\ncwf a\nclear all\nframes dir")
    assert rc == 0 and s.current_frame == "default" and not s.other_frames
    assert out.splitlines()[-1] == "  default  0 x 0", out


def test_estimation_results_are_global(do):
    rc, out, s = do(f'frame create h\nframe h: use "{HSB}", clear\nframe h: regress mathach ses\n'
                    'scalar slope = _b[ses]\nframe h: predict yhat\nframe h: summarize yhat')
    assert rc == 0, out
    assert s.e.scalars["N"] == 7185 and s.data.nobs == 0
    hsb = pd.read_stata(HSB)
    slope = np.polyfit(hsb["ses"], hsb["mathach"], 1)[0]
    assert s.scalars["slope"] == pytest.approx(slope, rel=1e-6)
    assert s.r["mean"] == pytest.approx(hsb["mathach"].mean(), rel=1e-6)


def test_frame_put_varlist_if_in(do):
    rc, out, s = do(f'use "{HSB}", clear\nframe put school mathach if mathach > 24 in 1/2000, into(top)\n'
                    "frame top: describe, simple\nframe top: count")
    assert rc == 0, out
    hsb = pd.read_stata(HSB).iloc[:2000]
    assert s.r["N"] == int((hsb["mathach"] > 24).sum())
    assert "school  mathach" in out and s.data.nobs == 7185
    rc, out, _ = do("frame put school, into(top)", session=s)
    assert rc == 110 and "frame top already exists" in out


def test_frame_create_with_variables_and_frame_post(do):
    rc, out, s = do("set obs 7\nframe create results str8 name double(b se) int k\n"
                    'frame post results ("first") (_N) (sqrt(4)) (3)\nframe post results ("second") (1.5) (.) (4)\n'
                    "frame results: list, noobs")
    assert rc == 0, out
    data = s.other_frames["results"]
    assert data.varnames == ["name", "b", "se", "k"] and data.types["b"] == "double" and data.types["k"] == "int"
    assert list(data.column("name")) == ["first", "second"] and list(data.numeric("b")) == [7.0, 1.5]
    rc, out, _ = do('frame post results ("x") (1)', session=s)
    assert rc == 198 and "4 expressions expected and 2 found" in out
    rc, out, _ = do("frame post results (1) (1) (1) (1)", session=s)
    assert rc == 109 and "type mismatch" in out


# ----------------------------------------------------------------------------- frlink / frget
def test_frlink_m1_and_frget_match_merge(do):
    rc, out, s = do(PEOPLE + "frlink m:1 grp, frame(g)\nfrget gname gval, from(g)")
    assert rc == 0, out
    assert "  (1 observation in frame default unmatched)" in out
    assert "(2 variables copied from linked frame)" in out
    assert list(s.data.numeric("g")[:3]) == [2, 2, 1] and np.isnan(s.data.numeric("g")[3])
    assert list(s.data.column("gname")) == ["one", "one", "two", ""]
    gval = s.data.numeric("gval")
    assert list(gval[:3]) == [1.5, 1.5, 2.5] and np.isnan(gval[3])
    assert s.data.var_labels["gval"] == "group value" and s.data.types["gval"] == "double"
    # the same values as merge m:1 gives
    rc, out, m = do(PEOPLE + "tempfile gf\nframe g: save `gf'\nmerge m:1 grp using `gf', keep(master match)\nsort id")
    assert rc == 0, out
    assert list(m.data.column("gname")) == list(s.data.column("gname"))


def test_frlink_options_and_frget_prefix_suffix_exclude_and_assignment(do):
    rc, out, s = do(PEOPLE + "frame g: rename grp key\nfrlink m:1 grp, frame(g key) generate(lk)\n"
                    "frget *, from(lk) prefix(p_) exclude(gname)\nfrget gname, from(lk) suffix(_s)\n"
                    "frget v = gval, from(lk)")
    assert rc == 0, out
    assert s.data.varnames == ["id", "grp", "x", "lk", "p_gval", "gname_s", "v"]
    assert "all observations" not in out and out.count("(1 variable copied from linked frame)") == 3


def test_frlink_all_matched_and_1_1_uniqueness(do):
    rc, out, s = do(PEOPLE + "frame g: set obs 3\nframe g: replace grp = 3 in 3\nfrlink m:1 grp, frame(g)")
    assert rc == 0 and "  (all observations in frame default matched)" in out, out
    rc, out, s = do(PEOPLE + "frlink 1:1 grp, frame(g)")
    assert rc == 459 and "variable grp does not uniquely identify the observations in frame default" in out
    rc, out, s = do(PEOPLE + "frame g: replace grp = 1\nfrlink m:1 grp, frame(g)")
    assert rc == 459 and "in frame g" in out and not s.data.has_variable("g")


def test_frlink_refuses_an_existing_variable_and_a_missing_frame(do):
    rc, out, _ = do(PEOPLE + "frlink m:1 grp, frame(g) generate(x)")
    assert rc == 110 and "variable x already defined" in out
    rc, out, _ = do(PEOPLE + "frlink m:1 grp, frame(nosuch)")
    assert rc == 111 and "frame nosuch not found" in out
    rc, out, _ = do(PEOPLE + "frlink m:1 grp")
    assert rc == 198 and "option frame() required" in out


def test_a_stale_link_is_refused_until_rebuilt(do):
    rc, out, s = do(PEOPLE + "frlink m:1 grp, frame(g)\nframe g: sort grp\nfrlink describe g\nfrget gval, from(g)")
    assert rc == 459 and "frlink rebuild g" in out and "Link is invalid" in out, out
    rc, out, s = do("frlink rebuild g\nfrlink describe g\nfrget gval, from(g)", session=s)
    assert rc == 0 and "Link is valid" in out, out
    assert list(s.data.numeric("gval")[:3]) == [1.5, 1.5, 2.5]


def test_frlink_dir(do):
    rc, out, s = do(PEOPLE + "frlink dir\nfrlink m:1 grp, frame(g) gen(lk)\nfrlink dir")
    assert rc == 0 and "(no frlink variables found)" in out, out
    assert "  lk created by frlink m:1 grp, frame(g) generate(lk)" in out and s.r["vars"] == "lk"


def test_frget_needs_a_link_variable(do):
    rc, out, _ = do(PEOPLE + "frget gval, from(x)")
    assert rc == 459 and "variable x is not an frlink variable" in out


# ----------------------------------------------------------------------------- dir / ls
def _files(tmp_path):
    (tmp_path / "b.dta").write_bytes(b"x" * 2048)
    (tmp_path / "a.do").write_bytes(b"y" * 100)
    (tmp_path / "sub").mkdir()
    os.utime(tmp_path / "b.dta", (1_600_000_000, 1_600_000_000))


def test_dir_lists_size_date_and_name(do, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("dir")
    assert rc == 0, out
    lines = out.splitlines()
    assert [line.split()[-1] for line in lines] == [".", "..", "a.do", "b.dta", "sub"]
    assert lines[0].startswith("  <dir>") and lines[4].startswith("  <dir>")
    assert re.fullmatch(r"   0\.1k  [ \d]{2}\d?/\d{1,2}/\d\d \d\d:\d\d  a\.do", lines[2])
    assert lines[3].startswith("   2.0k") and "9/13/20" in lines[3]  # 1,600,000,000 s: 13 Sep 2020
    rc, out, _ = do('ls "*.dta"')
    assert rc == 0 and out.split()[-1] == "b.dta" and len(out.splitlines()) == 1


def test_dir_wide_and_errors(do, tmp_path, monkeypatch):
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("ls *.d*, wide")
    assert rc == 0 and out.splitlines() == ["   0.1k  a.do      2.0k  b.dta"], out
    rc, out, _ = do("dir nosuch/x.dta")
    assert rc == 601 and "directory nosuch not found" in out
    rc, out, _ = do("dir a b")
    assert rc == 198
    rc, out, _ = do("dir, nosuch")
    assert rc == 198


def test_restore_puts_the_data_back_in_the_frame_preserved(do):
    rc, out, s = do("set obs 5\nframe create s\nframe s: set obs 8\npreserve\ncwf s\nkeep in 1/3\nrestore\n"
                    "display _N\ncwf default\ndisplay _N")
    assert rc == 0 and out.split()[-2:] == ["3", "5"], out


def test_a_programs_preserve_is_restored_in_its_frame(do):
    rc, out, s = do("set obs 5\nframe create s\nprogram define p\n  preserve\n  drop in 1/2\n  cwf s\nend\np\n"
                    "display _N\ncwf default\ndisplay _N")
    assert rc == 0 and out.split()[-2:] == ["0", "5"], out


def test_clear_frames_and_plain_clear(do):
    rc, out, s = do("set obs 2\nframe create a\nframe a: set obs 3\nclear\nframe a: display _N")
    assert rc == 0 and out.split()[-1] == "3" and s.data.nobs == 0, out
    rc, out, s = do("scalar k = 1\nframe create b\ncwf b\nclear frames\npwf\ndisplay k", session=s)
    assert rc == 0 and "(current frame is default)" in out and not s.other_frames and out.split()[-1] == "1", out


def test_posts_in_a_loop_are_all_there_in_order(do):
    rc, out, s = do("frame create r int i str3 s\nforvalues i = 1/250 {\n  frame post r (`i') (\"a`i'\")\n}\n"
                    "frame r: summarize i\nframe copy r r2\nframe rename r r3\nframe post r3 (7) (\"z\")\n"
                    "frame r3: count\nframe drop r3\nframe create r3 int i str3 s\nframe r3: count")
    assert rc == 0, out
    assert "  251" in out.splitlines()  # the renamed frame kept its posts and took one more
    assert s.r["N"] == 0  # a new frame under a dropped frame's name has none of its posts
    assert list(s.other_frames["r2"].numeric("i")) == list(range(1, 251))
    assert s.other_frames["r2"].column("s").iloc[-1] == "a25"  # str3 holds three characters


def test_post_into_the_current_frame(do):
    rc, out, s = do("frame create r double b\ncwf r\nframe post r (2.5)\nframe post r (1)\nsummarize b")
    assert rc == 0 and s.r["N"] == 2 and s.r["sum"] == 3.5, out
