"""``tabout`` (Ian Watson, ``ssc install tabout``): frequency and summary tables written to a
tab-delimited, csv, semicolon, LaTeX or HTML file, built the way tabout.ado 2.0.7 builds them:

    tabout varlist [if] [in] [fweight] using filename [, options]

The last variable is the column variable and the others each give a panel of rows (one
variable, or ``oneway``: one-way tables).  ``cells(freq cell row col cum)``; with ``sum``,
``cells(stat var [stat var ...])`` summary tables (several statistics make a one-way table).
The panels (tabout_panels.py) and their text (tabout_write.py) follow the ado's Mata code.

As the ado does, tabout's own refusals (a file that exists without replace or append, cell
entries, format letters, frequency weights not stored as integers) print its message and
return without an error code; a variable without a variable label gets its name as its label.
Options of the survey, statistics and file-insert parts are refused (r(198)).
"""
from __future__ import annotations

import math
import os
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.fileformats.safe_write import check_writable
from mlmcli.syntax.options import OptionSpec, resolve_options

from mlmcli.commands.community.tabout_data import coded_values, count_grid, summary_matrix
from mlmcli.commands.community.tabout_panels import (Labels, NOptions, cell_formats, count_tables, fix_gaps,
                                                     frequency_panel, number_text, summary_panel)
from mlmcli.commands.community.tabout_write import (Look, Pass, body_lines, fixfont, texclean, write_htm,
                                                    write_tab, write_tex)

HELP = {"tabout": "tabout varlist [if] [in] [fweight] using filename [, replace append cells() format() clab() "
                  "layout() oneway sum npos() nlab() nnoc noffset() style() h1() h2() h3() ptotal() total() show()]"}

_BUILT = [OptionSpec("replace", 3), OptionSpec("append", 3), OptionSpec("cells", 1, True),
          OptionSpec("format", 1, True), OptionSpec("clab", None, True), OptionSpec("layout", 3, True),
          OptionSpec("oneway", 3), OptionSpec("sum"), OptionSpec("npos", None, True),
          OptionSpec("nlab", None, True), OptionSpec("nnoc"), OptionSpec("noffset", 4, True),
          OptionSpec("money", 3, True), OptionSpec("chkwtnone", 5), OptionSpec("noborder", 6),
          OptionSpec("show", None, True), OptionSpec("wide", None, True), OptionSpec("total", 3, True),
          OptionSpec("ptotal", 4, True), OptionSpec("h1", None, True), OptionSpec("h2", None, True),
          OptionSpec("h3", None, True), OptionSpec("style", None, True), OptionSpec("lines", None, True),
          OptionSpec("font", None, True), OptionSpec("bt"), OptionSpec("rotate", 3, True),
          OptionSpec("cl1", None, True), OptionSpec("cl2", None, True), OptionSpec("cltr1", None, True),
          OptionSpec("cltr2", None, True), OptionSpec("body")]
# tabout.ado has these; mlm does not build them (survey tables, tabulate's statistics, missing
# rows, sorting, decimal commas, the debug listing, files put around the table)
_NOT_BUILT = [OptionSpec("mi"), OptionSpec("sort"), OptionSpec("nwt", None, True), OptionSpec("stats", None, True),
              OptionSpec("svy"), OptionSpec("sebnone", 3), OptionSpec("cibnone", 3),
              OptionSpec("cisep", None, True), OptionSpec("ci2col"), OptionSpec("percent", 3),
              OptionSpec("level", 1, True), OptionSpec("pop"), OptionSpec("delim", None, True),
              OptionSpec("dpcomma", 3), OptionSpec("debug"), OptionSpec("topf", None, True),
              OptionSpec("botf", None, True), OptionSpec("topstr", None, True), OptionSpec("botstr", None, True),
              OptionSpec("psymbol", 2, True)]

_CELLS = "freq cell row col cum"
_STATS = ("N mean var sd skewness kurtosis sum uwsum min max count median iqr r9010 r9050 r7525 r1050 "
          "p1 p5 p10 p25 p50 p75 p90 p95 p99")
# tabout.ado keeps its settings in globals and drops these at every exit (clearglobs); a user's
# global of the same name goes with them.  dotss, dots, h1, h2, sort, n_offset, droph, dropv stay.
_CLEARED = ("fpass vvarname hvarname lpass single vtotal do_stats do_nnoc do_pop mi do_n n_lab n_pos show "
            "colwide border delim do_bot do_top ps botinsert topinsert postfile prefile do_body money angle "
            "cltr2 cltr1 cl2 cl1 bt tfont lspace htotal finaltot showtot h3 style layout do_pseudo cisep nocib "
            "noseb category numcat clab do_sum do_svy debug oneway mainfile nogood stats statstr1 statstr2 "
            "dpcomma").split()
_USING = re.compile(r"(?:^|\s)using(?=\s|\"|`|,|$)")


def _split_using(text: str) -> tuple[str, str | None]:
    """(the text without ``using filename``, the file name or None)."""
    m = _USING.search(text)
    if not m:
        return text, None
    rest = text[m.end():].lstrip()
    if rest.startswith('`"'):
        end = rest.find("\"'")
        name, tail = rest[2:end], rest[end + 2:]
    elif rest.startswith('"'):
        end = rest.find('"', 1)
        name, tail = rest[1:end], rest[end + 1:]
    else:
        word = re.match(r"[^\s,]*", rest).group(0)
        name, tail, end = word, rest[len(word):], 0
        if '"' in word:  # using ou"t.txt: refused as the line is read, before any file is written
            raise StataError("too few quotes" if word.count('"') % 2 else "invalid file specification",
                             132 if word.count('"') % 2 else 198)
    if end < 0:
        raise StataError("too few quotes", 132)
    if not name:
        raise StataError("invalid file specification", 198)
    return text[:m.start()] + " " + tail, name


def _text(opts: dict, name: str) -> str:
    """A string option as syntax gives it: outer quotes and blanks removed."""
    value = opts.get(name)
    if value is None or value is True:
        return ""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value


def _offset_text(noffset: str) -> str:
    """global n_offset: string(real(noffset) - 1), "0" without noffset()."""
    if not noffset:
        return "0"
    try:
        return number_text(float(noffset) - 1)
    except ValueError:
        return "."


def _refuse(session, lines: list) -> None:
    for line in lines:
        session.print(line)


def _allow_table(session) -> None:
    """What cells() takes (tabout.ado draws this as a boxed table; mlm lists it)."""
    for line in ("  basic tables:   cells() takes any of freq cell row col cum; layout() col row cb rb",
                 "  summary tables: sum with cells(stat var ...): N mean var sd skewness kurtosis sum uwsum",
                 "                  min max count median iqr r9010 r9050 r7525 r1050 p1 p5 p10 p25 p50 p75",
                 "                  p90 p95 p99, each followed by a variable (several: a one-way table)"):
        session.print(line)


def cmd_tabout(session, cmd) -> None:
    from mlmcli.parser import parse_arguments

    rest, using = _split_using(cmd.args)
    parsed = parse_arguments(rest, "tabout")
    opts = resolve_options(parsed.options, _BUILT + _NOT_BUILT)
    for spec in _NOT_BUILT:
        if spec.name in opts:
            raise StataError(f"option {spec.name} not allowed (mlm's tabout does not build it)", 198)
    ds = session.data
    if not parsed.args.strip():
        raise StataError("varlist required", 100)
    varlist = ds.expand_varlist(parsed.args)
    if using is None:
        raise StataError("using required", 100)
    if parsed.weight is not None:
        from mlmcli.parser import weight_kind
        kind = weight_kind(parsed.weight)
        if kind not in ("fweight", "weight"):
            raise StataError(f"{kind}s not allowed", 101)
    from mlmcli.sample import mark_sample

    touse = mark_sample(session, parsed)
    path = os.path.expanduser(using)
    mode = "replace" if opts.get("replace") else ("append" if opts.get("append") else "")
    if not mode and os.path.exists(path):
        _refuse(session, ["", f"The file {using} already exists, but you haven't",
                          "used either the replace or append option. Please change",
                          "the file name or include replace or append.", ""])
        return _clear_globals(session, {})
    if mode and os.path.exists(path):  # its file open ..., write append would fail: read-only r(608)
        check_writable(path, True)
    if mode == "replace":
        try:  # file open ..., write replace: the file starts empty (a failure here is captured)
            open(path, "w").close()
        except OSError:
            pass
    job = TaboutRun(session, cmd, parsed, opts, varlist, touse, using, path)
    job.run()
    _clear_globals(session, job.kept)


def _clear_globals(session, kept: dict) -> None:
    """The globals tabout.ado leaves behind it (an empty one is no global)."""
    for name in _CLEARED:
        session.globals.pop(name, None)
    kept = {"dotss": "nois _dots 0, title(Survey results being calculated)", "dots": "nois _dots 5 0", **kept}
    for name, value in kept.items():
        if value:
            session.globals[name] = value
        else:
            session.globals.pop(name, None)


class TaboutRun:
    """One tabout call: its settings read as the ado reads them, then a panel per row variable."""

    def __init__(self, session, cmd, parsed, opts, varlist, touse, using, path):
        self.session, self.ds, self.opts = session, session.data, opts
        self.varlist, self.touse, self.using, self.path = varlist, touse, using, path
        self.parsed = parsed
        self.lines: list[str] = []
        self.widths: list[int] = []
        self.kept: dict = {}  # the globals set so far that clearglobs leaves

    # ------------------------------------------------------------ settings
    def _weights(self) -> bool:
        from mlmcli.commands.data.common import weights

        w = self.parsed.weight
        if w is not None and not self.opts.get("chkwtnone"):
            name = w.exp.replace(" ", "")
            vtype = self.ds.types.get(name) if self.ds.has_variable(name) else None
            if vtype not in ("byte", "int", "long"):
                _refuse(self.session, ["", "Problem with frequency weights r(401)", ""])
                return False
        mask, self.w, _ = weights(self.session, self.parsed, self.touse.copy(), ("fweight",), "fweight")
        self.wmask = mask
        return True

    def _cells(self) -> bool:
        self.sum = bool(self.opts.get("sum"))
        self.oneway = bool(self.opts.get("oneway"))
        cells = _text(self.opts, "cells").split()
        if not cells:
            if self.sum:  # tabout.ado goes on with no statistic and fails inside summarize
                raise StataError("cells(stat var) required with sum", 198)
            self.cells = ["freq"]
            return True
        nogood = any((_CELLS.find(w) < 0) if not self.sum else (_CELLS.find(w) >= 0) for w in cells)
        if nogood:
            _refuse(self.session, ["", "Invalid type of entry in cells option, or you may",
                                   "have forgotten to turn on the sum or svy option", ""])
            _allow_table(self.session)
            return False
        missing_var = None
        if self.sum:
            for k, word in enumerate(cells):
                if k % 2 == 0 and _STATS.find(word) < 0:
                    nogood = True
                elif k % 2 == 1:
                    try:
                        self.ds.resolve(word)
                    except StataError:
                        missing_var = word
            if len(cells) > 2 and _STATS.find(cells[2]) >= 0:
                self.oneway = True
        if nogood:
            _refuse(self.session, ["", "Invalid type of entry in cells option, or you may",
                                   "have forgotten to turn on the sum or svy option", ""])
            _allow_table(self.session)
            return False
        if missing_var is not None:
            _refuse(self.session, ["", f"Variable {missing_var} not found r(111)", ""])
            return False
        # sum_oneway reads whole pairs (forval j = 1/`c'/2): a last statistic without a variable is left out
        self.cells = cells[:len(cells) // 2 * 2] if self.sum else cells
        return True

    def _settings(self) -> bool:
        o = self.opts
        clab = _text(o, "clab")
        if not clab and not self.sum:
            clab = " ".join("No." if c == "freq" else "%" for c in self.cells)
        self.clab = clab
        self.format = _text(o, "format") or "1c"
        if re.search(r"[abd-lnoq-z]", self.format.lower()):
            _refuse(self.session, ["", "Error in format. Only the letters c, m and p are allowed.", ""])
            return False
        layout = _text(o, "layout")
        self.layout = {"cb": "c_block", "cblock": "c_block", "rb": "r_block", "rblock": "r_block",
                       "row": "row"}.get(layout, "col")
        style = _text(o, "style")
        self.style = style if style in ("tex", "csv", "semi") else ("htm" if style[:3] == "htm" else "tab")
        ptotal = _text(o, "ptotal")
        self.showtot, self.finaltot = ptotal not in ("none", "single"), ptotal == "single"
        total = _text(o, "total")
        self.vtotal = self.htotal = "Total"
        if total and total != "d":
            words = total.split()
            self.vtotal = "Total" if words[0] == "d" else words[0].replace("_", " ")
            second = words[1] if len(words) > 1 else ""
            self.htotal = "Total" if second == "d" else second.replace("_", " ")
        lines = _text(o, "lines")
        font = _text(o, "font")
        font = font if font in ("bold", "italic") else "plain"
        if self.style == "tex":  # texfix(): the row total's special characters and font
            tot = self.vtotal
            for ch in "$&_%^":
                if ch in self.vtotal:
                    tot = self.vtotal.replace(ch, "\\" + ch)
            self.vtotal = {"bold": "\\textbf{" + tot + "}", "italic": "\\emph{" + tot + "}"}.get(font, tot)
        self.money = _text(o, "money") or "$"
        self.show = _text(o, "show") or "output"
        wide = _text(o, "wide") or "10"
        try:  # strtoreal(): a word that is no number is missing, and substr(s, 1, .) all of s
            self.colwide = max(0, int(float(wide)))
        except ValueError:
            self.colwide = None
        self.n = self._n_options()
        noffset = _text(o, "noffset")
        self.kept.update(h1=_text(o, "h1"), h2=_text(o, "h2"), sort="0", n_wt="", statstr="",
                         n_offset=_offset_text(noffset))
        h = {k: _text(o, k) for k in ("h1", "h2", "h3")}
        self.look = Look(style=self.style, h1=h["h1"], h2=h["h2"], h3=h["h3"], delim="|",
                         lspace={"double": 2, "none": 0}.get(lines, 1), font=font,
                         angle=_text(o, "rotate") or "0", booktabs=bool(o.get("bt")),
                         cl1=_text(o, "cl1"), cl2=_text(o, "cl2"), cltr1=_text(o, "cltr1") or ".75em",
                         cltr2=_text(o, "cltr2") or ".75em", border="" if o.get("noborder") else " border=3",
                         showtot=self.showtot, finaltot=self.finaltot,
                         n_fix=False)
        return True

    def _n_options(self) -> NOptions | None:
        npos, nlab, noffset = (_text(self.opts, k) for k in ("npos", "nlab", "noffset"))
        if not (npos or nlab):
            return None
        pos = "col" if npos in ("", "d") else npos
        if nlab and nlab != "d":
            label = nlab
        else:
            label = "(n=#)" if npos == "lab" else "N"
        offset = 0
        if noffset:
            value = float(noffset) if re.fullmatch(r"\s*-?[\d.]+\s*", noffset) else math.nan
            offset = int(value) - 1 if value == value else 0
        return NOptions(pos=pos, label=label, offset=offset, comma=not self.opts.get("nnoc"))

    # ------------------------------------------------------------ data
    def _label_of(self, name: str) -> str:
        label = self.ds.var_labels.get(name, "")
        if not label:  # tabout.ado: label var `v' "`v'"
            self.ds.var_labels[name] = label = name
            self.ds.changed = True
        return label

    @staticmethod
    def _value_texts(values, labels) -> list:
        if labels is None:
            return [number_text(v) for v in values]
        return [labels.get(v, "") for v in values]

    # ------------------------------------------------------------ run
    def run(self) -> None:
        if not self._weights() or not self._cells() or not self._settings():
            return
        session = self.session
        nvars = len(self.varlist)
        if nvars == 1:
            self.oneway = True
        hname = self.varlist[-1]
        self._label_of(hname)
        rows = list(self.varlist[:-1])
        hvar = None
        if self.oneway:
            rows.append(hname)
        else:
            hvar = hname
        self.kept.update(droph="_" + hvar + "_x" if hvar and self.ds.is_string(hvar) else "",
                         dropv="".join(" _" + v + "_x" for v in rows if self.ds.is_string(v)))
        panels = [(name, False) for name in rows] + ([("!PTOTAL!", True)] if self.finaltot else [])
        single = len(panels) == 1
        self.look = self._with_nfix()
        h_values, h_labels = coded_values(self.ds, hvar) if hvar else (None, None)
        hvarname = self.ds.var_labels.get(hvar, "") if hvar else ""
        for k, (name, is_total) in enumerate(panels):
            if is_total:
                values, labels, vvarname = np.ones(self.ds.nobs), {1.0: self.vtotal}, "!PTOTAL!"
            else:
                vvarname = self._label_of(name)
                values, labels = coded_values(self.ds, name)
            p = Pass(first=k == 0, last=k == len(panels) - 1, single=single, vvarname=vvarname, hvarname=hvarname)
            panel, numrows = self._panel(values, labels, h_values, h_labels)
            if panel is None:
                return
            self._write(panel, numrows, p)
        self._flush()
        session.print("")
        session.print(f"Table output written to: {self.using}")
        session.print("")
        if self.show in ("all", "output"):
            from mlmcli.ast import Command
            from mlmcli.commands.program.type_file import cmd_type

            cmd_type(session, Command(name="type", args=f'"{self.path}"'))
        if any(self.widths[j] != self.widths[j - 1] for j in range(1, len(self.widths))):
            for line in ("", "Warning: not all panels have the same number of columns.",
                         "Include show(all) in your syntax to view panels.", ""):
                session.print(line)

    def _with_nfix(self) -> Look:
        from dataclasses import replace

        n_fix = self.oneway and self.n is not None and self.n.pos in ("col", "both")
        return replace(self.look, n_fix=n_fix)

    def _panel(self, values, labels, h_values, h_labels):
        oneway = self.oneway
        n = self.n
        n_label = ""
        if n is not None:
            n_label = fixfont(texclean(n.label, self.look), self.look)
        if not self.sum:
            rows, cols, raw = count_grid(values, None if oneway else h_values, self.wmask, self.w)
            if rows.size == 0:
                _refuse(self.session, ["", "Some of your variables consist entirely of missing values", ""])
                return None, 0
            obs = count_grid(values, None if oneway else h_values, self.touse, None, rows, cols)[2]
            cats = [c[:2].upper() for c in self.cells]
            if any(c not in ("FR", "CE", "CO", "RO", "CU") for c in cats):
                _refuse(self.session, ["", "  One of your cell entries is invalid"])
                return None, 0
            if len(set(cats)) < len(cats):
                raise StataError("makestr():  3250  type mismatch", 3250)
            formats = cell_formats(self.format, len(cats))
            clabs = fix_gaps([w.replace("_", " ") for w in self.clab.split()], len(cats))
            lab = Labels(rows=self._value_texts(rows, labels),
                         cols=None if oneway else self._value_texts(cols, h_labels),
                         vtotal=self.vtotal, htotal=self.htotal)
            return frequency_panel(count_tables(raw, oneway), cats, formats, clabs, self.layout, oneway, lab,
                                   self.money, n, obs, n_label)
        rows, cols, obs = count_grid(values, None if oneway else h_values, self.touse, None)
        if rows.size == 0:
            _refuse(self.session, ["", "Some of your variables consist entirely of missing values", ""])
            return None, 0
        pairs = list(zip(self.cells[0::2], self.cells[1::2]))
        data = {name: self._stat_values(name) for _, name in pairs}
        raw = summary_matrix(pairs, data, values, h_values, rows, cols, self.touse, self.w, oneway)
        lab = Labels(rows=self._value_texts(rows, labels),
                     cols=None if oneway else self._value_texts(cols, h_labels),
                     vtotal=self.vtotal, htotal=self.htotal)
        return summary_panel(raw, self.cells, self.format, self.clab, oneway, lab, self.money, n, obs, n_label)

    def _stat_values(self, name: str) -> np.ndarray:
        full = self.ds.resolve(name)
        if self.ds.is_string(full):
            return np.full(self.ds.nobs, math.nan)
        return np.asarray(self.ds.numeric(full), dtype=float)

    # ------------------------------------------------------------ output
    def _write(self, panel: list, numrows: int, p: Pass) -> None:
        if self.show == "all" and not (self.finaltot and p.last):
            from mlmcli.render.mata import render_value

            z = [list(row) for row in panel]
            for i, row in enumerate(z):
                row[0] = row[0][:self.colwide]
                if i < 2:
                    z[i] = [c[:self.colwide] for c in row]
            z[0][0] = z[1][0] = ""
            self.session.print(render_value(np.array(z, dtype=object), self.session.linesize))
        do_ncol = self.n is not None and self.n.pos in ("col", "both")
        if self.opts.get("body") and p.first:
            self.lines += body_lines(True, self.style, len(panel[0]), self.look.border)
        if self.style == "tex":
            self.lines += write_tex(panel, numrows, p, self.look, self.oneway, do_ncol)
        elif self.style == "htm":
            self.lines += write_htm(panel, numrows, p, self.look, self.oneway, do_ncol)
        else:
            self.lines += write_tab(panel, numrows, p, self.look, self.oneway)
        if self.opts.get("body") and p.last:
            self.lines += body_lines(False, self.style, len(panel[0]), self.look.border)
        self.widths.append(len(panel[0]))

    def _flush(self) -> None:
        try:
            with open(self.path, "a", encoding="utf-8", newline="\n") as fh:
                fh.write("".join(line + "\n" for line in self.lines))
        except OSError:
            raise StataError(f"file {self.using} could not be opened", 603) from None
