"""eststo stores through ``estimates store``, which keeps e(sample) in the byte variable
``_est_<name>`` ([R] estimates store; eststo.ado calls it, and with ``noesample`` drops the
variable); ``eststo drop`` and ``eststo clear`` run ``estimates drop``, which drops them, so a
do-file's ``drop _est_*`` after eststo finds them."""
from __future__ import annotations

DATA = "clear\nset obs 20\ngen x = mod(_n, 7)\ngen y = x + mod(_n, 3)\n"


def test_eststo_keeps_the_sample_in_est_variables(do):
    rc, out, _ = do(DATA + "eststo: quietly regress y x in 1/15\neststo m2: quietly regress y x\n"
                    "eststo, noesample: quietly regress y x\nds\ncount if _est_est1 == 1\n"
                    "display \"`: variable label _est_m2'\"\n", echo=True)
    assert rc == 0, out
    assert "x          y          _est_est1  _est_m2" in out  # no _est_est3: noesample
    assert out.rstrip().split("\n")[-4:] == ["  15", "", '. display "`: variable label _est_m2\'"',
                                             "esample() from estimates store"]


def test_eststo_drop_and_clear_drop_the_variables(do):
    rc, out, _ = do(DATA + "eststo: quietly regress y x\neststo: quietly regress y x in 1/10\n"
                    "eststo drop est1\nds\neststo clear\nds\neststo: quietly regress y x\ndrop _est_*\nds\n", echo=True)
    assert rc == 0, out
    blocks = out.split(". ds\n")
    assert blocks[1].split("\n")[0].split() == ["x", "y", "_est_est2"]
    assert blocks[2].split("\n")[0].split() == ["x", "y"]
    assert blocks[3].split("\n")[0].split() == ["x", "y"]
