"""cscript (Stata's certification-script header) and mkdirp (SSC)."""
from mlmcli.commands.community.cscript import header_line


def test_cscript_header_clears_memory_and_records_which(do):
    rc, out, _ = do("set obs 3\ngen x = 1\nscalar s = 2\nprogram define foo\ndisplay 1\nend\n"
              'cscript "my test" adofiles distinct mkdirp\n'
              "count\ncapture scalar list s\ndisplay _rc\ncapture foo\ndisplay _rc")
    lines = out.splitlines()
    head = next(ln for ln in lines if "BEGIN" in ln)
    assert head == "-" * (79 - len("BEGIN my test")) + "BEGIN my test"
    assert "-> which distinct, all" in out and "built-in command:  distinct" in out
    assert "-> which mkdirp, all" in out
    after = out[out.index("BEGIN"):]
    assert "\n  0\n" in after        # count: the data are gone
    assert after.count("\n111\n") == 1 and "\n199\n" in after   # scalar and program dropped


def test_cscript_errors(do):
    rc, out, _ = do("cscript text adofiles nothere")
    assert rc == 111 and "command nothere not found as either built-in or ado-file" in out
    rc, out, _ = do("cscript text, foo")
    assert rc == 198 and "option foo not allowed" in out
    assert header_line("", 79).endswith("BEGIN") and len(header_line("x", 79)) == 79


def test_mkdirp_makes_parents_and_accepts_existing(do, tmp_path):
    target = tmp_path / "a b" / "c" / "d"
    rc, out, _ = do(f'mkdirp `"{target}"\'\nmkdirp "{target}"')
    assert rc == 0 and target.is_dir()


def test_mkdirp_errors(do, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc, out, _ = do(f'mkdirp "{blocker}/sub"')
    assert rc == 693 and "could not create directory" in out
    rc, out, _ = do(f'mkdirp "{tmp_path}/x", public')
    assert rc == 198
    rc, out, _ = do("ssc install mkdirp\nwhich mkdirp\nssc install cscript")
    assert "mkdirp is built into mlm" in out and rc == 0
