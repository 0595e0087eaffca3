"""``estfe`` (Sergio Correia, part of the ``reghdfe`` package): rows that say which fixed
effects each stored model absorbed, for ``esttab``/``estout``'s ``indicate()``.  A compatible
implementation written from the package's estfe.ado:

    estfe [names] [, labels(absvar "label" ...) restore]

For each stored result named (``.`` the active results; wildcards as ``estimates dir``), e(b)
and e(V) are backed up to e(b_backup) and e(V_backup) and get one zero column per absorbed
fixed effect -- e(extended_absvars) of reghdfe (e(N_hdfe_extended) of them), e(absvar) of areg,
e(ivar) of xtreg, fe -- named as a base level, ``0.var`` (``0.a#0.b`` for an interaction, a
``c.`` slope as it is).  ``r(indicate_fe)`` then holds ``"label=0.var"`` for each absvar that
labels() names (pairs of absvar and label; an odd count is r(123)) followed by ``"var=0.var"``
for the others, ready for ``indicate(`r(indicate_fe)')``.  ``restore`` puts each model's
e(b) and e(V) back.

Differences: a model that absorbed nothing (regress) gets no column (the ado-file's
``matrix colnames`` of an empty list); ``restore`` gives back the results as they were
before, fit included, where the ado-file reposts the backups and leaves the matrices
e(b_backup) and e(V_backup) behind.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import est_expand
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"estfe": 'estfe [names] [, labels(absvar "label" ...) restore] : fixed-effect indicator rows for esttab '
                 "(community command, reghdfe package)"}

OPTIONS = [OptionSpec("restore", 7), OptionSpec("labels", 6, takes_arg=True)]


def _base_level(absvar: str) -> str:
    """estfe.ado's FixAbsvars: each factor part of an absvar gets the base-level prefix ``0.``."""
    parts = absvar.split("#")
    return "#".join(p if p.startswith("c.") else "0." + p.removeprefix("i.") for p in parts)


def _absvars(e) -> list[str]:
    names = (e.macros.get("extended_absvars") or e.macros.get("absvar") or "").split()
    names = [_base_level(n) for n in names]
    if not names and e.macros.get("model") == "fe" and e.macros.get("ivar"):
        names = [e.macros["ivar"]]  # the ado-file adds xtreg's panel variable without a prefix
    return names


def _models(session, words: list[str]) -> tuple[list[str], bool]:
    has_dot = "." in words
    names = est_expand(session, [w for w in words if w != "."]) if any(w != "." for w in words) else []
    for name in names:
        if name not in session.estimates:
            raise StataError(f"estimation result {name} not found", 111)
    if has_dot and (session.e is None or not (session.e.macros.get("cmd") or session.e.cmd)):
        raise StataError("last estimates not found", 301)
    return names, has_dot


def _augment(e):
    """The results with zero columns for the absorbed effects, and those effects."""
    from mlmcli.results.matrix import Matrix

    absvars = _absvars(e)
    b, V = e.matrices.get("b"), e.matrices.get("V")
    if b is None or V is None:
        raise StataError("matrix e(b) not found", 111)
    matrices = dict(e.matrices)
    matrices["b_backup"], matrices["V_backup"] = b, V
    if absvars:
        k, g = len(b.colnames), len(absvars)
        cols = tuple(b.colnames) + tuple(absvars)
        bv = np.hstack([np.atleast_2d(np.asarray(b.values, float)), np.zeros((1, g))])
        vv = np.zeros((k + g, k + g))
        vv[:k, :k] = np.asarray(V.values, float)
        matrices["b"] = Matrix(bv, b.rownames, cols)
        matrices["V"] = Matrix(vv, cols, cols)
    original = e.pre_repost if e.pre_repost is not None else e
    new = dataclasses.replace(e, matrices=matrices, reposted=True, pre_repost=original)
    return new, absvars


def _indicate(fe_list: list[str], labels: str | None) -> str:
    from mlmcli.commands.program.tokens import tokens

    pairs = tokens(labels) if labels else []
    out: list[str] = []
    remaining = list(fe_list)
    if len(pairs) % 2:
        raise StataError("error: odd number of labels", 123)
    for lhs, rhs in zip(pairs[::2], pairs[1::2]):
        for fe in remaining:
            if fe.replace("0.", "") == lhs:
                out.append(f'"{rhs}={fe}"')
                remaining.remove(fe)
                break
    out.extend(f'"{fe.replace("0.", "")}={fe}"' for fe in remaining)
    return " ".join(out)


def cmd_estfe(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, OPTIONS)
    names, has_dot = _models(session, body.split())
    active = session.e
    if opts.get("restore"):
        for name in names:
            e = session.estimates[name]
            if e.pre_repost is not None:
                session.estimates[name] = e.pre_repost
        if has_dot and active.pre_repost is not None:
            session.e = active.pre_repost
        elif names:
            session.e = session.estimates[names[-1]]  # the ado-file leaves the last one restored
        return
    fe_list: list[str] = []
    if has_dot:
        session.e, absvars = _augment(active)
        fe_list += absvars
    for name in names:
        new, absvars = _augment(session.estimates[name])
        session.estimates[name] = new
        fe_list += absvars
    if names and not has_dot:
        session.e = session.estimates[names[-1]]
    fe_list = list(dict.fromkeys(fe_list))
    session.set_r({"indicate_fe": _indicate(fe_list, opts.get("labels"))})
