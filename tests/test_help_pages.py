"""Help pages (mlmcli/help): every page parses, renders at any width, its examples run, its
Stored results are the e()/r() names the command sets; help topics, search, and the
"did you mean" suggestions."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mlmcli.help import covered_names, find_page, load_page, page_names, parse_page
from mlmcli.help.render import render_page

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_parses_and_renders_within_its_width():
    assert page_names()
    for name in page_names():
        page = load_page(name)
        assert page.summary, name
        assert page.example_commands(), f"help {name} has no example"
        for width in (60, 80, 120):
            text = render_page(page, width)
            assert text.startswith("Title\n")
            as_typed = {"    " + ln for ln in page.syntax + page.examples}
            wrapped = [ln for ln in text.splitlines() if ln not in as_typed and len(ln.split()) > 1]
            assert all(len(ln) <= width for ln in wrapped), (name, width)


def test_every_page_names_a_registered_command():
    """A page is a command's (``mixed``) or a subcommand's (``estat_icc``: help estat icc)."""
    from mlmcli.commands import command_names

    names = set(command_names())
    assert {name.split("_")[0] for name in page_names()} <= names


# Commands whose pages are still to be written: this list may only shrink (issue 19).
PAGES_TO_WRITE_MAX = 0


def test_the_commands_without_pages_do_not_grow():
    from mlmcli.commands import command_names

    missing = sorted(set(command_names()) - covered_names())
    assert len(missing) <= PAGES_TO_WRITE_MAX, missing


# estat/estimates/graph subcommands without a page of their own (estat_icc.hlp): may only shrink.
SUBCOMMAND_PAGES_TO_WRITE_MAX = 0


def test_the_subcommands_without_pages_do_not_grow():
    from mlmcli.commands.graphs.twoway import GRAPH_SUBCOMMANDS
    from mlmcli.commands.postestimation.estat import ESTAT_SUBCOMMANDS
    from mlmcli.commands.postestimation.estimates import ESTIMATES_SUBCOMMANDS

    tables = (("estat", ESTAT_SUBCOMMANDS), ("estimates", ESTIMATES_SUBCOMMANDS), ("graph", GRAPH_SUBCOMMANDS))
    missing = sorted(f"{command} {entry.name}" for command, table in tables for entry in table.entries
                     if entry.target is not None and find_page(f"{command} {entry.name}") is None)
    assert len(missing) <= SUBCOMMAND_PAGES_TO_WRITE_MAX, missing


def _stored_names(run, session, kind: str) -> set[str]:
    """The e() or r() names set now (from ereturn list / return list)."""
    printed, rc = run(session, "ereturn list" if kind == "e" else "return list")
    assert rc == 0, printed
    return set(re.findall(rf"^\s+({kind}\([A-Za-z0-9_]+\))", printed, re.M))


@pytest.mark.parametrize("name", page_names())
def test_examples_run_and_stored_results_are_what_the_command_sets(name, new_session, run, monkeypatch):
    monkeypatch.chdir(ROOT)
    page = load_page(name)
    session = new_session()
    stored_listed = {n for n, _ in page.stored}
    kind = next(iter(stored_listed))[0] if stored_listed else None
    seen: set[str] = set()
    for line in page.example_commands():
        printed, rc = run(session, line)
        assert rc == 0, f"help {name} example `{line}` failed:\n{printed}"
        if kind and page.documents(line):
            seen |= _stored_names(run, session, kind)
    if kind:  # a listed e(ss_#) stands for e(ss_1), e(ss_2), ...
        def matches(listed: str, name: str) -> bool:
            return re.fullmatch(re.escape(listed).replace("\\#", r"\d+"), name) is not None

        unlisted = sorted(n for n in seen if not any(matches(p, n) for p in stored_listed))
        unset = sorted(p for p in stored_listed if not any(matches(p, n) for n in seen))
        assert not unlisted and not unset, (unlisted, unset)


def test_help_mixed_lists_every_option_mixed_accepts():
    from mlmcli.commands.estimation import mixed_syntax as ms

    accepted = {o.name for o in ms.GLOBAL_OPTIONS + ms.RE_OPTIONS + ms.FE_OPTIONS} - set(ms.REFUSED_OPTIONS)
    page = load_page("mixed")
    assert set(page.option_names()) == accepted
    differences = dict(page.sections)["Differences from Stata"]
    assert all(opt in differences for opt in ms.REFUSED_OPTIONS)


def test_subcommand_pages_and_aliases_are_found():
    page = parse_page("twoway_area", "@title twoway_area area\nx\n")
    assert page.topic == "twoway area" and page.documents("area y x") and page.documents("twoway area y x")
    assert not page.documents("twoway line y x")
    shared = parse_page("estimates_store", "@title estimates_store estimates_restore\nx\n")
    assert shared.documents("estimates restore m1") and shared.documents("estimates store m1, title(x)")
    assert not shared.documents("estimates table m1")
    assert find_page("tw") is find_page("twoway") is load_page("twoway")
    assert find_page("xtmixed") is load_page("xtmixed")  # its own page, pointing to mixed
    assert find_page("") is None and find_page("estat nosuchthing") is None


def test_parse_page_format():
    page = parse_page("x", "@title x xx\nDoes x\n@syntax\nx a\n@options Model\nfoo(#) | the foo\n  continued\n"
                           "@examples\n. display 1\n@stored\nr(N) | count\n")
    assert page.aliases == ("xx",) and page.options == (("Model", (("foo(#)", "the foo continued"),)),)
    assert page.example_commands() == ["display 1"] and page.stored == (("r(N)", "count"),)
    block = parse_page("x", "@title x\nx\n@examples\n. program define hi\n  1.     display 1\n  2. end\n. hi\n")
    assert block.example_commands() == ["program define hi\ndisplay 1\nend", "hi"]
    with pytest.raises(ValueError):
        parse_page("x", "@bogus\n")


def test_help_topics(do):
    rc, out, _ = do("help")
    assert rc == 0 and "Estimation" in out and "mixed" in out and "help functions" in out
    for topic, needle in [("functions", "sqrt()"), ("egen", "rowmean(varlist)"), ("estat", "icc"),
                          ("whatsnew", "What's new"), ("limits", "")]:
        rc, out, _ = do(f"help {topic}")
        assert rc == 0 and needle in out, topic
    rc, out, _ = do("help mixed")
    assert "[ME] mixed -- Multilevel mixed-effects linear regression" in out
    rc, out, _ = do("help xtmixed")
    assert "[ME] mixed" in out
    rc, out, _ = do("help regress")
    assert rc == 0 and "regress" in out


def test_help_unknown_topic_suggests(do):
    rc, out, _ = do("help mixd")
    assert (rc, out) == (111, "help for mixd not found\n(did you mean mixed?)\nr(111);\n")


def test_search_looks_through_the_pages(do):
    rc, out, _ = do("search restricted maximum likelihood")
    lines = out.splitlines()
    # the pages in name order (meta meregress's page, which also fits by REML, comes first)
    assert rc == 0 and any(line.startswith("mixed ") for line in lines)
    assert lines[:-1] == sorted(lines[:-1]) and lines[-1].endswith("type help followed by a name)")
    rc, out, _ = do("search zzzqqq")
    assert out == "no help pages mention zzzqqq\n"
    assert do("search")[0] == 198


@pytest.mark.parametrize("text, expected", [
    ("set obs 2\ngen mathach = 1\nsummarize mathch", "variable mathch not found\n(did you mean mathach?)\nr(111);\n"),
    ("display sqroot(4)", "unknown function sqroot()\n(did you mean sqrt()?)\nr(133);\n"),
    ("set obs 2\ngen x = 1\nsummarize x, detial", "option detial not allowed\n(did you mean detail?)\nr(198);\n"),
    ("tabulte x", "unrecognized command:  tabulte\n(did you mean tabulate?)\nr(199);\n"),
    ("nlogit y x || a: z, case(c)", "nlogit is a Stata command that mlm does not implement\nr(199);\n"),
    ("zzzz", "unrecognized command:  zzzz\nr(199);\n"),
])
def test_did_you_mean(do, text, expected):
    rc, out, _ = do(text)
    assert out.endswith(expected)


def test_help_melogit_lists_every_option_melogit_accepts():
    from mlmcli.commands.estimation import me_syntax as ms

    # exposure() is mepoisson's and menbreg's (melogit refuses it)
    accepted = {o.name for o in ms.global_options("melogit") + ms.FE_OPTIONS} - set(ms.REFUSED) - {"exposure"}
    page = load_page("melogit")
    assert set(page.option_names()) - {"covariance"} == accepted - {"covariance"}
    differences = dict(page.sections)["Differences from Stata"]
    assert all(opt in differences for opt in ms.REFUSED)


def test_regress_beta_is_honoured(do):
    rc, out, _ = do("set obs 10\ngen x = _n\ngen y = x + mod(_n, 3)\nregress y x, beta")
    assert rc == 0 and "P>|t|                     Beta" in out  # the column: test_regress_replay_options


def test_clear_programs_mata_ado_keep_the_data(do):
    rc, out, s = do("set obs 3\ngen x = _n\nprogram define hi\ndisplay 1\nend\nclear mata\nclear ado\n"
                    "clear programs")
    assert rc == 0, out
    assert s.data.nobs == 3 and s.programs == {}


@pytest.mark.parametrize("command", ["xtlogit", "xtprobit"])
def test_help_xtlogit_xtprobit_document_the_random_effects_model(command, do):
    """The re model is fitted (xt_random_intercept), so the page documents it and no longer
    says it is refused."""
    from mlmcli.commands.estimation.xt_random_intercept import options_of

    page = load_page(command)
    text = "\n".join(body for _, body in page.sections)
    # r(199) is now only _crcchkw's (iweights not constant within a panel), not a refusal of re
    assert "re is not" not in text and "weight must be constant within panelvar, r(199)" in text
    assert f"{command} depvar [indepvars] [if] [in] [iweight] [, re re_options]" in page.syntax
    if command == "xtlogit":
        accepted = {o.name for o in options_of(command)} - {"log", "nolog", "iterate", "tolerance", "ltolerance",
                                                           "nrtolerance", "baselevels", "allbaselevels", "level", "or"}
        assert accepted <= set(page.option_names())
