"""estopts() of ``twoway fpfit``/``fpfitci`` with ``estcmd(stcox)`` (mlmcli.graphs.fpfit_stcox):
stcox's ties, strata(), offset(), tvc()/texp(), shared(), vce() -- oim, robust, cluster, and
jackknife/bootstrap run as the prefix around each of fracpoly's fits -- and fracpoly's own
options; an option stcox does not have, or a combination it refuses, fails inside fracpoly
(``StCommandFailed``: the note).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_st_common import FRACPOLY_NAMES, StCommandFailed, matches_option, st_fracpoly_settings

# stcox's reporting options (accepted, nothing drawn differs)
_REPORTING = (("nohr", 4), ("hr", 2), ("nolog", 5), ("noshow", 6), ("level", 1))

_TIES = (("breslow", 3), ("efron", 3), ("exactm", 6), ("exactp", 6))
_VARLISTS = (("strata", 2), ("offset", 3), ("tvc", 3), ("texp", 4))


@dataclass
class StcoxSettings:
    fracpoly: dict
    ties: str = "breslow"
    vce: str = "oim"
    cluster: str | None = None
    strata: list[str] = field(default_factory=list)
    offset: str | None = None
    tvc: list[str] = field(default_factory=list)
    texp: str = "_t"
    shared: str | None = None
    replicates: object = None  # vce(jackknife|bootstrap)'s VCEChoice (graphs.fpfit_stcox_replicates)
    replicate_cluster: str | None = None  # vce(jackknife, cluster(v))'s v
    bootstrap: dict | None = None  # vce(bootstrap, ...)'s suboptions (graphs.fpfit_bootstrap_options)


def stcox_settings(ctx, text) -> StcoxSettings:
    """estopts() of estcmd(stcox); an option stcox does not have fails inside fracpoly."""
    from mlmcli.syntax.options import read_options, vce_option

    typed = read_options(text) if isinstance(text, str) else ()
    fracpoly, s = [], StcoxSettings({})
    ties = []
    for option in typed:
        name = option.name
        if matches_option(name, FRACPOLY_NAMES):
            fracpoly.append(option)
        elif matches_option(name, _TIES) and option.arg is None:
            ties.append(matches_option(name, _TIES))
        elif matches_option(name, _VARLISTS) and option.arg:
            kind = matches_option(name, _VARLISTS)
            if kind == "texp":
                s.texp = "".join(option.arg.split())
                continue
            names = ctx.data.expand_varlist(option.arg)
            if kind == "offset":
                if len(names) != 1:
                    raise StCommandFailed()
                s.offset = names[0]
            else:
                setattr(s, kind, names)
        elif matches_option(name, (("shared", 2),)) and option.arg:
            names = ctx.data.expand_varlist(option.arg)
            if len(names) != 1:
                raise StCommandFailed()
            s.shared = names[0]
        elif matches_option(name, _REPORTING) or matches_option(name, (("noadjust", 5),)):
            continue
        elif matches_option(name, (("robust", 1),)) and option.arg is None:
            s.vce = "robust"
        elif matches_option(name, (("cluster", 2),)) and option.arg:
            s.vce, s.cluster = "cluster", ctx.data.resolve(option.arg.strip())
        elif matches_option(name, (("vce", 3),)) and option.arg and _replicates(ctx, s, option.arg):
            continue  # _vce_parserun's prefix around each fit: graphs.fpfit_stcox_replicates
        elif matches_option(name, (("vce", 3),)) and option.arg:
            kind, args = vce_option(option.arg, (("oim", 1), ("robust", 1), ("cluster", 2), ("opg", 3)))
            if kind == "opg" or (kind == "cluster" and len(args) != 1) or (kind != "cluster" and args):
                raise StCommandFailed()
            s.vce, s.cluster = kind, (ctx.data.resolve(args[0]) if kind == "cluster" else None)
        else:
            raise StCommandFailed()
    if len(ties) > 1 or (any(o for o in typed if matches_option(o.name, (("texp", 4),))) and not s.tvc):
        raise StCommandFailed()  # stcox: one ties method; texp() only with tvc()
    if s.bootstrap is not None and s.replicate_cluster and not s.cluster and (s.shared or ctx.data.chars.get("st_id")):
        # _vce_parserun's shared()/id() branch appends its own cluster(): a second one, "option
        # cluster() not allowed" r(198) in every fit (docs/grouped_jackknife_fweights.md): the note
        raise StCommandFailed()
    s.ties = ties[0] if ties else "breslow"
    s.fracpoly = st_fracpoly_settings(ctx, fracpoly)
    return s


def _replicates(ctx, s: StcoxSettings, text) -> bool:
    """vce(jackknife ...) or vce(bootstrap ...) into ``s``; False for another vce()."""
    from mlmcli.graphs.fpfit_streg import replicate_option

    head = str(text).split(",")[0].strip().lower()
    if len(head) >= 4 and "bootstrap".startswith(head):  # strata() size() saving() mse ...
        from mlmcli.graphs.fit_predictions import VCEChoice
        from mlmcli.graphs.fpfit_bootstrap_options import bootstrap_suboptions

        try:
            s.bootstrap = bootstrap_suboptions(text, "stcox")
        except StataError as err:  # bootstrap's own error inside fracpoly: the note
            if is_mlm_refusal(err):
                raise StataError(f"estopts(): {err.message}", 198) from None
            raise StCommandFailed() from None
        s.replicates = VCEChoice("bootstrap", reps=s.bootstrap["reps"], seed=s.bootstrap["seed"],
                                 mse=s.bootstrap["mse"])
        s.replicate_cluster = _bootstrap_cluster(ctx, s, s.bootstrap.get("cluster"))
        return True
    found = replicate_option(ctx, text)
    if found is None:
        return False
    s.replicates, s.replicate_cluster = found
    return True


def _bootstrap_cluster(ctx, s: StcoxSettings, typed) -> str | None:
    """vce(bootstrap, cluster(varlist))'s names (space-separated): the prefix's clusters -- each
    combination of their values, string variables too --, first in _vce_parserun's order (as
    jackknife's own cluster()); one beside shared() or stset's id() without stcox's cluster() is
    a second cluster() (stcox_settings: the note)."""
    if not typed:
        return None
    try:
        return " ".join(ctx.data.resolve(name) for name in str(typed).split())
    except StataError:
        raise StCommandFailed() from None  # variable not found: bootstrap's r(111) inside fracpoly
