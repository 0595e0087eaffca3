"""``predict`` after a generalized gsem (e(predict) gsem_p) fitted by the me engine:

    predict [type] newvar [if] [in] [, mu|pr|eta  means|modes|fixedonly|conditional(ebmeans|ebmodes|fixedonly)
                                       marginal nooffset outcome(depvar [#]) intpoints(#)]
    predict [type] {stub*|newvarlist} [if] [in], latent[(Name[group] ...)] [ebmeans|ebmodes] [se(stub*|newvarlist)]

The numbers are the me engine's (predict_me on the same GLMMFit): mu (default), pr, eta with
the latent variables at their empirical Bayes means (modes, or zero with fixedonly), and
``latent``: the empirical Bayes predictions of the latent variables in gsem's order (the me
engine orders a level's slopes before its intercept), labelled with gsem's names.  Other
statistics and options are refused (r(198)).
"""
from __future__ import annotations

import dataclasses

from mlmcli.ast import Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import parse_new_varlist

OPTIONS = [OptionSpec("mu", 2), OptionSpec("pr", 2), OptionSpec("eta", 3), OptionSpec("latent", 6, takes_arg=True,
                                                                                        arg_optional=True),
           OptionSpec("se", 2, takes_arg=True), OptionSpec("means", 5), OptionSpec("modes", 5),
           OptionSpec("ebmeans", 7), OptionSpec("ebmodes", 7), OptionSpec("fixedonly", 5),
           OptionSpec("conditional", 4, takes_arg=True), OptionSpec("marginal", 8), OptionSpec("nooffset", 5),
           OptionSpec("outcome", 3, takes_arg=True), OptionSpec("intpoints", 7, takes_arg=True)]


def _me_view(e):
    """e() as the me commands' predict reads it: the GLMMFit behind the gsem table."""
    b, V = e.model.glmm.e_matrices()
    return dataclasses.replace(e, cmd="meglm", model=e.model.glmm, matrices=dict(e.matrices, b=b, V=V),
                               macros=dict(e.macros, cmd="meglm", predict="meglm_p"))


def predict_gsem(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict_me import predict_me

    if getattr(e.model, "glmm", None) is None:
        raise StataError("predict after gsem is not available in mlm for this model", 198)
    opts = resolve_options(cmd.options, OPTIONS)
    if "latent" in opts:
        return _latent(session, e, cmd, opts)
    if "se" in opts:
        raise StataError("option se() requires option latent", 198)
    out: list[Option] = []
    for name in ("mu", "pr", "eta", "fixedonly", "marginal", "nooffset"):
        if opts.get(name):
            out.append(Option(name))
    for src, dst in (("means", "means"), ("modes", "modes"), ("ebmeans", "means"), ("ebmodes", "modes")):
        if opts.get(src):
            out.append(Option(dst))
    if opts.get("conditional") is not None:
        word = str(opts["conditional"]).strip().lower()
        mapped = {"ebmeans": "means", "ebmodes": "modes", "fixedonly": "fixedonly"}.get(word)
        if mapped is None:
            raise StataError(f"option conditional({word}) invalid", 198)
        out.append(Option(mapped))
    if opts.get("intpoints") is not None:
        out.append(Option("intpoints", str(opts["intpoints"])))
    if opts.get("outcome") is not None:
        words = str(opts["outcome"]).split()
        if words and words[0] == e.macros.get("depvar"):
            words = words[1:]
        if words:
            out.append(Option("outcome", " ".join(words)))
    predict_me(session, _me_view(e), dataclasses.replace(cmd, options=tuple(out)))


def _latent(session, e, cmd, opts) -> None:
    """latent[(list)] [se()]: the me engine's reffects, one variable per latent variable asked for."""
    from mlmcli.commands.postestimation.predict_me import new_variable_names, predict_me
    from mlmcli.sem.generalized import latent_of, me_effect_names

    for bad in ("mu", "pr", "eta", "fixedonly", "marginal", "outcome", "conditional", "means", "modes"):
        if opts.get(bad):
            raise StataError(f"option {bad} not allowed with option latent", 198)
    sem = e.model
    (eq,) = sem.model.equations
    group = sem.extra.get("groupvar")
    if group is None:
        raise StataError("no latent variables in the model", 198)
    gsem_order = [latent_of(label) for label in eq.order]
    wanted = gsem_order
    if opts["latent"] not in (None, True) and str(opts["latent"]).strip():
        wanted = []
        for word in str(opts["latent"]).split():
            match = [lat for lat in gsem_order if lat == word or lat.split("[")[0] == word]
            if not match:
                raise StataError(f"latent variable {word} not found", 198)
            wanted.append(match[0])
    me_names = me_effect_names(eq, group)
    terms = list(sem.glmm.re_terms())
    me_order = [f"{n}[{group}]" for t in terms for n in t.names]
    _, names, stub = parse_new_varlist(cmd.args)
    names = new_variable_names(names, stub, len(wanted))
    se_names = None
    if opts.get("se") is not None:
        _, se_list, se_stub = parse_new_varlist(str(opts["se"]))
        se_names = new_variable_names(se_list, se_stub, len(wanted))
    # predict_me fills every random effect in its order: temporary names for those not asked for
    by_me = {me_names[lat]: k for k, lat in enumerate(wanted)}
    tmp = [f"__gsem_latent{j}" for j in range(len(me_order))]
    targets = [names[by_me[m]] if m in by_me else tmp[j] for j, m in enumerate(me_order)]
    se_targets = None if se_names is None else [se_names[by_me[m]] if m in by_me else f"__gsem_se{j}"
                                                for j, m in enumerate(me_order)]
    options = [Option("reffects"), Option("ebmodes" if opts.get("ebmodes") else "ebmeans")]
    if se_targets is not None:
        options.append(Option("reses", " ".join(se_targets)))
    if opts.get("intpoints") is not None:
        options.append(Option("intpoints", str(opts["intpoints"])))
    args = (cmd.args.split()[0] + " " if cmd.args.split() and cmd.args.split()[0] in ("float", "double") else "")
    predict_me(session, _me_view(e), dataclasses.replace(cmd, args=args + " ".join(targets), options=tuple(options)))
    data = session.data
    what = "modes" if opts.get("ebmodes") else "means"
    for j, m in enumerate(me_order):
        lat = next(lat for lat, me in me_names.items() if me == m)
        for out, prefix in ((targets, ""), (se_targets, "S.E. of ")):
            if out is None:
                continue
            if m in by_me:
                data.var_labels[out[j]] = f"{prefix}empirical Bayes' {what} for {lat}"
            else:
                data.drop_variables([out[j]])
