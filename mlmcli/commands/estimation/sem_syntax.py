"""The path notation of ``sem`` and ``gsem`` ([SEM] sem and gsem path notation), the part
mlm fits: ``(y <- x1 x2)``, ``(x -> y)``, several variables on either side, several paths,
and for gsem random intercepts ``Name[groupvar]``.  A name starting with a capital letter
is a latent variable; measurement models, latent variables without ``[group]``, nested
levels ``[a>b]``, factor variables and within-path options other than the Gaussian
identity defaults are refused with r(198), never ignored."""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.sem.path_model import Equation, Latent, PathModel

_LATENT_SHAPE = re.compile(r"^([^\W\d_]\w*)\[([^\W\d]\w*)\]$")


def latent_match(word: str):
    """``Name[groupvar]`` whose name starts with a capital letter (a Unicode capital too), else None."""
    m = _LATENT_SHAPE.match(word)
    return m if m and m.group(1)[0].isupper() else None


GAUSSIAN_OPTIONS = {"regress", "gaussian", "family(gaussian)", "link(identity)"}


def path_groups(body: str) -> list[str]:
    """The paths of the body: each parenthesised group, or the whole body when it holds a
    single path without parentheses."""
    text = body.strip()
    if not text:
        raise StataError("invalid path specification", 198)
    if not text.startswith("("):
        return [text]
    groups, depth, start = [], 0, None
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth == 1:
                start = i + 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise StataError("unmatched close parenthesis", 198)
            if depth == 0:
                groups.append(text[start:i])
        elif depth == 0 and not ch.isspace():
            raise StataError(f"invalid path specification: {text[i:].split()[0]}", 198)
    if depth != 0:
        raise StataError("unmatched open parenthesis", 198)
    return groups


def _path_options(text: str, command: str) -> None:
    for opt in re.findall(r"[A-Za-z_]+(?:\([^)]*\))?", text):
        if opt.lower().replace(" ", "") not in GAUSSIAN_OPTIONS:
            raise StataError(f"option {opt} not allowed", 198)
        if command == "sem":
            raise StataError(f"option {opt} not allowed", 198)


def _side(words: list[str], resolve, command: str) -> list:
    out = []
    for w in words:
        m = latent_match(w)
        if m:
            if command == "sem":
                raise StataError(f"{w}: multilevel latent variables are allowed only with gsem", 198)
            out.append(Latent(m.group(1), resolve(m.group(2))))
        elif "[" in w or "." in w or "#" in w or "@" in w:
            raise StataError(f"{w}: this path element is not available in mlm's {command} (observed variables"
                             " and random intercepts Name[groupvar] only)", 198)
        elif w[0].isupper():
            raise StataError(f"{w}: latent variables measured by indicators are not available in mlm's {command}",
                             198)
        elif w == "_cons":
            raise StataError("_cons paths are not available in mlm", 198)
        else:
            out.append(resolve(w))
    return out


def parse_path_model(body: str, resolve, command: str) -> PathModel:
    """PathModel of the paths in ``body``; ``resolve`` maps a typed variable name to its full name
    (r(111) for an unknown one)."""
    equations: dict[str, tuple[list, list]] = {}
    for group in path_groups(body):
        inner, _, opts = group.partition(",")
        if opts.strip():
            _path_options(opts, command)
        tokens = re.split(r"\s*(<-|->)\s*", inner.strip())
        arrows = tokens[1::2]
        if len(arrows) != 1:
            raise StataError("invalid path specification" if not arrows else
                             "paths with more than one arrow are not available in mlm", 198)
        left, right = tokens[0].split(), tokens[2].split()
        if not left or not right:
            raise StataError("invalid path specification", 198)
        if arrows[0] == "->":
            left, right = right, left
        lhs = _side(left, resolve, command)
        rhs = _side(right, resolve, command)
        for y in lhs:
            if isinstance(y, Latent):
                raise StataError(f"{y.label}: latent variables as responses are not available in mlm", 198)
            regs, lats = equations.setdefault(y, ([], []))
            for x in rhs:
                target = lats if isinstance(x, Latent) else regs
                if x == y:
                    raise StataError(f"{y} cannot be a path to itself", 198)
                if x not in target:
                    target.append(x)
    model = PathModel(tuple(Equation(y, tuple(r), tuple(lat)) for y, (r, lat) in equations.items()))
    _check(model)
    return model


def _check(model: PathModel) -> None:
    seen: dict = {}
    for eq in model.equations:
        for lat in eq.latents:
            if lat.name in seen and seen[lat.name] != eq.depvar:
                raise StataError(f"{lat.label}: a latent variable shared by several equations (a measurement"
                                 " model) is not available in mlm", 198)
            seen[lat.name] = eq.depvar
        if len(eq.latents) > 1:
            raise StataError(f"{eq.depvar}: one random intercept per equation is available in mlm", 198)
    if len({lat.group for lat in model.latents}) > 1:
        raise StataError("latent variables at more than one level are not available in mlm", 198)
    if model.recursive_order() is None:
        raise StataError("nonrecursive models (feedback loops) are not available in mlm", 198)
