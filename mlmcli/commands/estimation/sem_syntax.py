"""The path notation of ``sem`` and ``gsem`` ([SEM] sem and gsem path notation), the part
mlm fits: ``(y <- x1 x2)``, ``(x -> y)``, several variables on either side, several paths,
and for gsem random intercepts ``Name[groupvar]``, random slopes ``c.x#Name[groupvar]``,
factor-variable regressors and the family/link of a response ([SEM] gsem family-and-link
options: ``family(bernoulli|binomial [#|varname]|poisson|ordinal|gaussian)``, ``link()``,
the shorthands ``logit probit cloglog poisson ologit oprobit regress``, ``exposure()``,
``offset()``), in a path or as gsem options for every response.  A name starting with a
capital letter is a latent variable (``nocapslatent``: only the names of ``latent()``);
measurement models, latent variables without ``[group]``, nested levels ``[a>b]`` and
other families are refused with r(198), never ignored."""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.sem.path_model import Equation, Latent, PathModel, Response

_LATENT_SHAPE = re.compile(r"^([^\W\d_]\w*)\[([^\W\d]\w*)\]$")


def latent_match(word: str):
    """``Name[groupvar]`` whose name starts with a capital letter (a Unicode capital too), else None."""
    m = _LATENT_SHAPE.match(word)
    return m if m and m.group(1)[0].isupper() else None


# shorthand -> (family, link) ([SEM] gsem family-and-link options)
SHORTHANDS = {"regress": ("gaussian", "identity"), "logit": ("bernoulli", "logit"),
              "probit": ("bernoulli", "probit"), "cloglog": ("bernoulli", "cloglog"),
              "poisson": ("poisson", "log"), "ologit": ("ordinal", "logit"), "oprobit": ("ordinal", "probit"),
              "ocloglog": ("ordinal", "cloglog"), "mlogit": ("multinomial", "logit")}
FAMILY_LINKS = {"gaussian": ("identity",), "bernoulli": ("logit", "probit", "cloglog"),
                "binomial": ("logit", "probit", "cloglog"), "poisson": ("log",),
                "ordinal": ("logit", "probit", "cloglog"), "multinomial": ("logit",)}
DEFAULT_LINK = {"gaussian": "identity", "bernoulli": "logit", "binomial": "logit", "poisson": "log",
                "ordinal": "logit", "multinomial": "logit"}
_FACTOR_RESPONSE = re.compile(r"^i(?:b(\d+))?\.(\w+)$")


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


def family_options(text: str, command: str) -> dict:
    """The family-and-link options in ``text`` (a path's options or gsem's): a dict with the
    keys typed among family, link, trials, exposure, offset.  Anything else: r(198)."""
    out: dict = {}
    pattern = r"[A-Za-z_]+\s*(?:\([^)]*\))?"
    rest = re.sub(pattern, " ", text).strip()
    if rest:
        raise StataError(f"{rest.split()[0]} invalid", 198)
    for opt in re.findall(pattern, text):
        opt = opt.strip()
        m = re.fullmatch(r"([A-Za-z_]+)\s*(?:\(([^)]*)\))?", opt)
        name, arg = m.group(1).lower(), m.group(2)
        if command == "sem":
            raise StataError(f"option {opt} not allowed", 198)
        if arg is None and name in SHORTHANDS:
            pair = dict(zip(("family", "link"), SHORTHANDS[name]))
        elif arg is not None and name == "family":
            words = arg.split()
            if not words or words[0].lower() not in FAMILY_LINKS:
                raise StataError(f"option family({arg.strip()}) not allowed; mlm's gsem fits family(gaussian),"
                                 " family(bernoulli), family(binomial), family(poisson), family(ordinal) and"
                                 " family(multinomial)", 198)
            fam = words[0].lower()
            if len(words) > 2 or (len(words) == 2 and fam != "binomial"):
                raise StataError(f"option family({arg.strip()}) invalid", 198)
            pair = {"family": fam}
            if len(words) == 2:
                pair["trials"] = words[1]
        elif arg is not None and name == "link":
            pair = {"link": arg.strip().lower()}
        elif arg is not None and name == "exposure":
            pair = {"exposure": arg.strip()}
        elif arg is not None and name == "offset":
            pair = {"offset": arg.strip()}
        else:
            raise StataError(f"option {opt} not allowed", 198)
        for key, value in pair.items():
            if key in out and out[key] != value:
                raise StataError(f"{'family' if key == 'trials' else key}(): conflicting specifications", 198)
            out[key] = value
    return out


def response_of(typed: dict) -> Response:
    """The Response of the family-and-link options typed for one equation."""
    family = typed.get("family", "gaussian")
    link = typed.get("link", DEFAULT_LINK[family])
    if link not in FAMILY_LINKS[family]:
        raise StataError(f"link({link}) not allowed with family({family}) in mlm's gsem", 198)
    if typed.get("exposure") and typed.get("offset"):
        raise StataError("only one of offset() or exposure() can be specified", 198)
    if typed.get("exposure") and family != "poisson":
        raise StataError("option exposure() not allowed", 198)
    return Response(family, link, typed.get("trials"), typed.get("exposure"), typed.get("offset"))


def _fv_token(w: str) -> bool:
    return "." in w or "#" in w


def _slope(w: str, resolve):
    """``c.x#L[g]`` or ``L[g]#c.x``: (x, Latent); None for anything else."""
    parts = w.split("#")
    if len(parts) != 2:
        return None
    lat = [p for p in parts if latent_match(p)]
    other = [p for p in parts if not latent_match(p)]
    if len(lat) != 1 or len(other) != 1:
        return None
    m = latent_match(lat[0])
    var = other[0]
    if not var.lower().startswith("c."):
        raise StataError(f"{w}: a random slope needs a continuous variable, c.varname#{lat[0]}", 198)
    return resolve(var[2:]), Latent(m.group(1), resolve(m.group(2)))


def _latent_word(w: str, latent_names, caps: bool):
    """``Name[groupvar]`` that names a latent variable: capitalised (unless nocapslatent) or
    listed in latent(); else None."""
    m = _LATENT_SHAPE.match(w)
    if not m:
        return None
    name = m.group(1)
    return m if (caps and name[0].isupper()) or name in latent_names else None


def _loading(w: str, latent_names, caps: bool) -> str:
    """``L[g]@1``: the loading gsem fixes at 1 anyway, typed; any other value is refused."""
    head, at, value = w.partition("@")
    if not at or not _latent_word(head, latent_names, caps):
        return w
    try:
        if float(value) == 1.0:
            return head
    except ValueError:
        pass
    raise StataError(f"{w}: constraints on loadings other than @1 are not available in mlm's gsem", 198)


def _factor_response(word: str, resolve):
    """``i.y`` or ``ib#.y`` on a left-hand side (a multinomial response): (y, base or None)."""
    m = _FACTOR_RESPONSE.match(word)
    if not m:
        return None
    return resolve(m.group(2)), (float(m.group(1)) if m.group(1) is not None else None)


def _side(words: list[str], resolve, command: str, latent_names=frozenset(), caps: bool = True) -> list:
    out = []
    for w in words:
        w = _loading(w, latent_names, caps)
        m = _latent_word(w, latent_names, caps)
        if m:
            if command == "sem":
                raise StataError(f"{w}: multilevel latent variables are allowed only with gsem", 198)
            out.append(Latent(m.group(1), resolve(m.group(2))))
        elif command == "gsem" and "#" in w and "[" in w:
            slope = _slope(w, resolve)
            if slope is None:
                raise StataError(f"{w}: this path element is not available in mlm's gsem (random slopes"
                                 " c.x#Name[groupvar] only)", 198)
            out.append(slope)
        elif "[" in w or "@" in w or (command == "sem" and _fv_token(w)):
            raise StataError(f"{w}: this path element is not available in mlm's {command} (observed variables"
                             " and random intercepts Name[groupvar] only)", 198)
        elif _fv_token(w):
            out.append(("fv", w))  # a factor-variable regressor: the me engine reads it
        elif (caps and w[0].isupper()) or w in latent_names:
            raise StataError(f"{w}: latent variables measured by indicators are not available in mlm's {command}",
                             198)
        elif w == "_cons":
            raise StataError("_cons paths are not available in mlm", 198)
        else:
            out.append(resolve(w))
    return out


def _random_label(x) -> str:
    return x.label if isinstance(x, Latent) else f"c.{x[0]}#{x[1].label}"


def parse_path_model(body: str, resolve, command: str, *, defaults: dict | None = None,
                     latent_names=frozenset(), caps: bool = True) -> PathModel:
    """PathModel of the paths in ``body``; ``resolve`` maps a typed variable name to its full name
    (r(111) for an unknown one).  ``defaults``: gsem's family-and-link options for every
    response without its own; ``latent_names``/``caps``: latent() and not nocapslatent."""
    equations: dict[str, dict] = {}
    latent_paths: dict[Latent, list[str]] = {}
    for group in path_groups(body):
        inner, _, opts = group.partition(",")
        typed = family_options(opts, command) if opts.strip() else {}
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
        factor_lhs = {}
        if command == "gsem":
            for i, w in enumerate(left):
                fr = _factor_response(w, resolve)
                if fr is not None:
                    left[i] = fr[0]
                    factor_lhs[fr[0]] = fr[1]
        lhs = _side(left, resolve, command, latent_names, caps)
        rhs = _side(right, resolve, command, latent_names, caps)
        for y in lhs:
            if isinstance(y, Latent) and command == "gsem" and all(isinstance(x, str) for x in rhs):
                if typed:
                    raise StataError(f"{y.label}: family and link options are not allowed for latent variables",
                                     198)
                regs = latent_paths.setdefault(y, [])
                regs += [x for x in rhs if x not in regs]
                continue
            if isinstance(y, Latent):
                raise StataError(f"{y.label}: latent variables as responses are not available in mlm", 198)
            if not isinstance(y, str):
                raise StataError(f"{y[-1] if isinstance(y[-1], str) else _random_label(y)}: invalid response"
                                 " in mlm's gsem", 198)
            eq = equations.setdefault(y, {"regs": [], "lats": [], "slopes": [], "order": [], "family": {},
                                          "factor": None})
            if y in factor_lhs:
                eq["factor"] = ("base", factor_lhs[y])
            for key, value in typed.items():
                if key in eq["family"] and eq["family"][key] != value:
                    raise StataError(f"{y}: conflicting {'family' if key == 'trials' else key}() specifications",
                                     198)
                eq["family"][key] = value
            for x in rhs:
                if x == y:
                    raise StataError(f"{y} cannot be a path to itself", 198)
                if isinstance(x, Latent):
                    target = eq["lats"]
                elif isinstance(x, tuple) and x[0] != "fv":
                    target = eq["slopes"]
                else:
                    target = eq["regs"]
                item = x[1] if isinstance(x, tuple) and x[0] == "fv" else x
                if item not in target:
                    target.append(item)
                    if target is not eq["regs"]:
                        eq["order"].append(_random_label(x))
    model = PathModel(tuple(
        Equation(y, tuple(e["regs"]), tuple(e["lats"]), tuple(e["slopes"]),
                 _response(defaults or {}, e["family"]), tuple(e["order"]),
                 e["factor"] is not None, e["factor"][1] if e["factor"] else None)
        for y, e in equations.items()), tuple((lat, tuple(regs)) for lat, regs in latent_paths.items()))
    _check(model)
    return model


def _response(defaults: dict, typed: dict) -> Response:
    """A path's own family or link replaces gsem's (its exposure()/offset() fill in)."""
    if not defaults and not typed:
        return Response()
    if "family" in typed or "link" in typed:
        defaults = {k: v for k, v in defaults.items() if k in ("exposure", "offset")}
    return response_of({**defaults, **typed})


def _check(model: PathModel) -> None:
    for eq in model.equations:
        if eq.factor_response and eq.response.family != "multinomial":
            raise StataError(f"i.{eq.depvar}: a factor-variable response needs family(multinomial) (mlogit)", 198)
    used = {lat for eq in model.equations for lat in eq.latents + tuple(lat for _, lat in eq.slopes)}
    for lat, _ in model.latent_paths:
        if lat not in used:
            raise StataError(f"{lat.label}: a latent variable with paths from observed variables must be a random"
                             " intercept or slope of a response in mlm", 198)
    seen: dict = {}
    for eq in model.equations:
        slope_latents = [lat for _, lat in eq.slopes]
        if set(slope_latents) & set(eq.latents) or len(set(slope_latents)) < len(slope_latents):
            raise StataError(f"{eq.depvar}: a latent variable on several paths of one equation is not available"
                             " in mlm", 198)
        for lat in eq.latents + tuple(slope_latents):
            if lat.name in seen and seen[lat.name] != eq.depvar:
                raise StataError(f"{lat.label}: a latent variable shared by several equations (a measurement"
                                 " model) is not available in mlm", 198)
            seen[lat.name] = eq.depvar
        levels = {lat.group for lat in eq.latents}
        if len(eq.latents) > 1 and (len(levels) < len(eq.latents) or eq.slopes or len(levels) == 1):
            raise StataError(f"{eq.depvar}: one random intercept per equation is available in mlm", 198)
    groups = {lat.group for lat in model.latents} | {lat.group for eq in model.equations for _, lat in eq.slopes}
    multilevel = [eq for eq in model.equations if len({lat.group for lat in eq.latents}) > 1]
    if len(groups) > 1 and not (len(multilevel) == 1 and not model.latent_paths
                                and all(not eq.random_labels for eq in model.equations if eq is not multilevel[0])):
        # random intercepts at nested levels of one equation, beside equations without latent
        # variables: the me engine's multilevel model (gsem_separable); nothing else across levels
        raise StataError("latent variables at more than one level are not available in mlm", 198)
    if model.recursive_order() is None:
        raise StataError("nonrecursive models (feedback loops) are not available in mlm", 198)
