"""Matrix elements read into expressions keep their extended missing values (.a-.z): ``el()``
and ``A[i,j]`` give .z as the matrix holds it, as estout.ado relies on (its TableIsAMess and
ModelEqCheck test matrix elements ``< .z`` to tell an absent coefficient, posted as .z, from
one that is missing).  Arithmetic on a missing value still gives ``.``, as in Stata."""
from __future__ import annotations

SETUP = "matrix A = (1, .z, .a \\ ., 2, .b)\n"


def _shown(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_el_and_subscripts_keep_extended_missing(do):
    rc, out, _ = do(SETUP + "di el(A, 1, 2)\ndi A[2, 3]\ndi el(A, 1, 3) == .a\ndi A[1,2] < .z\n"
                    'di el(A, 2, 1) == .\ndi A[1, "c3"]')
    assert rc == 0, out
    assert _shown(out)[-6:] == [".z", ".b", "1", "0", "1", ".a"]


def test_scalars_locals_and_matrices_built_from_elements(do):
    rc, out, s = do(SETUP + "scalar q = el(A,1,2)\nlocal v = A[2,3]\ndi \"`v'\"\n"
                    "matrix K = (el(A,1,2), 1)\nmatrix A[1,1] = el(A,1,3)\nmatrix S = J(1, 2, A[1,2])\n"
                    "di q == .z\ndi el(A,1,1)")
    assert rc == 0, out
    assert _shown(out)[-3:] == [".b", "1", ".a"]
    from mlmcli.missing import code
    assert code(s.matrices["K"].values[0, 0]) == 26 and code(s.matrices["S"].values[0, 1]) == 26


def test_stored_results_and_arithmetic(do):
    rc, out, s = do("clear\ninput y x\n1 2\n2 3\n4 5\n3 3\nend\nquietly regress y x\nestadd beta\n"
                    "matrix B = e(beta)\ndi el(e(beta), 1, 2)\ndi el(B, 1, 2) == .z\ndi el(B, 1, 2) + 1\n"
                    "matrix C = 2 * B\ndi el(C, 1, 2)")
    assert rc == 0, out
    assert _shown(out)[-4:] == [".z", "1", ".", "."]  # arithmetic on .z is ., as in Stata


def test_estpost_posts_z_where_estpost_ado_does_and_esttab_leaves_it_blank(do):
    """estpost tabulate's Total cumulative percent and estpost correlate's diagonal p and print()
    cut-offs are .z (estpost.ado); esttab shows them blank, as in the published tabulate example
    (estpost help: ``esttab ., cells("b pct(fmt(2)) cumpct(fmt(2))") noobs``, Total's cumpct empty)."""
    from mlmcli.missing import code

    rc, out, s = do("clear\ninput x\n1\n2\n2\n3\nend\nquietly estpost tabulate x\n"
                    'esttab ., cells("b pct(fmt(2)) cumpct(fmt(2))") noobs')
    assert rc == 0, out
    assert code(s.e.matrices["cumpct"].values[0, -1]) == 26
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert total.split() == ["Total", "4", "100.00"]
    rc, out, s = do("clear\ninput x y\n1 2\n2 1\n3 5\n4 3\n5 4\nend\nquietly estpost correlate x y, matrix print(0.01)")
    assert rc == 0, out
    p = s.e.matrices["p"].values[0]
    assert code(p[0]) == 26 and code(p[1]) == 26  # the diagonal; x:y's p (0.10) above print(0.01)
    assert code(s.e.matrices["b"].values[0, 1]) == 26
