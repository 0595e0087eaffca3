"""The twoway plots that draw what the data give: histogram (bins), kdensity (a kernel
density), lowess, lfit/qfit and their bands lfitci/qfitci, lpoly (local polynomial smooths).
The numbers come from ``fits`` and ``smoothers``."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs import fit_predictions, fits, smoothers
from mlmcli.graphs import plot_options as popt
from mlmcli.graphs.graph_options import number
from mlmcli.graphs.named_styles import HISTOGRAM_FILL, HISTOGRAM_LINE  # noqa: F401  s2color's histogram bars
from mlmcli.graphs.series_parts import is_horizontal, last_option, look_fields, xy_columns
from mlmcli.graphs.spec import Series
from mlmcli.graphs.style import NAMED_COLORS, intensity
from mlmcli.graphs.view_types import ONE_Y, lower_limit_as, view_type
from mlmcli.limits import MAX_OBS
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import confidence_level

PILOT_FACTOR = 1.5   # lpoly's pwidth() default: 1.5 times the rule-of-thumb bandwidth ([R] lpoly)


# ------------------------------------------------------------------ densities
def histogram_spec(plot) -> dict:
    """The binning options of a histogram plot."""
    opts = plot.options
    kinds = [k for k in ("density", "fraction", "frequency", "percent") if opts.get(k)]
    if len(kinds) > 1:
        raise StataError(f"options {' '.join(kinds)} may not be combined", 198)
    if opts.get("discrete") and "bin" in opts:
        raise StataError("options discrete and bin() may not be combined", 198)
    if "bin" in opts and "width" in opts:
        raise StataError("options bin() and width() may not be combined", 198)
    spec: dict = {"kind": kinds[0] if kinds else "density", "discrete": bool(opts.get("discrete"))}
    if "bin" in opts:
        bins = number(last_option(opts, "bin"), "bin")
        if bins < 1 or bins != int(bins):
            raise StataError("bin() must be a positive integer", 198)
        spec["bins"] = int(bins)
    if "width" in opts:
        width = number(last_option(opts, "width"), "width")
        if width <= 0:
            raise StataError("width() must be positive", 198)
        spec["width"] = width
    if "start" in opts:
        spec["start"] = number(last_option(opts, "start"), "start")
    return spec


def histogram(ctx, plot, keep) -> list[Series]:
    values = ctx.data.numeric(plot.ys[0])[keep]
    if values.size == 0:
        return []
    spec = histogram_spec(plot)
    weights = plot.weights[keep] if plot.weights is not None else None
    bins = smoothers.histogram_bins(values, w=weights, **spec)
    gap = number(last_option(plot.options, "gap"), "gap") if "gap" in plot.options else 0.0
    width = bins.width * (1.0 - gap / 100.0)
    if "barwidth" in plot.options:
        width = number(last_option(plot.options, "barwidth"), "barwidth")
    fields = look_fields(plot, "bar")
    if plot.look.style is None:  # pstyle(p#) and the like: that style's colours, not the khaki
        fields.setdefault("color", HISTOGRAM_FILL)
        fields.setdefault("line_color", HISTOGRAM_LINE if "color" not in plot.look.series_fields("bar")
                          else fields["color"])
    label = spec["kind"].capitalize()
    return [Series("bar", bins.centers, bins.heights, label=label, style=plot.styles[0], width=width,
                   base=0.0, horizontal=is_horizontal(plot), **fields)]


def kernel_name(text) -> str:
    if not isinstance(text, str):
        return "epanechnikov"
    # _get_kernel_name (kdensity.ado, lpoly.ado, teffects overlap): bsubstr() with the case kept
    name = resolve_choice(text.strip(), smoothers.KERNEL_ABBREVIATIONS)
    if name is None:
        raise StataError("invalid kernel function", 198)
    return name


def _kernel_typed(opts: dict) -> str:
    """``kernel()`` or one of the old kernel words (``biweight`` ...), not both (kdensity's words)."""
    old = [w for w in smoothers.KERNEL_WORDS if opts.get(w)]
    if len(old) > 1 or (old and "kernel" in opts):
        raise StataError("only one kernel may be specified" if len(old) > 1 else
                         "kernel(): old syntax may not be combined with new syntax", 198)
    return old[0] if old else kernel_name(last_option(opts, "kernel"))


def positive(opts: dict, name: str) -> float | None:
    if name not in opts:
        return None
    value = number(last_option(opts, name), name)
    if value <= 0:
        raise StataError(f"{name}() must be a positive number" if name != "bwidth"
                         else "bandwidth must be positive", 198)
    return value


def kdensity(ctx, plot, keep) -> list[Series]:
    """``twoway kdensity v, range(# #) n(#) bwidth(#) kernel() area(#)``: the density at n
    points (default 300) over the range (default the data's), times ``area``."""
    values = ctx.data.numeric(plot.ys[0])[keep]
    if values.size == 0:
        return []
    opts = plot.options
    weights = plot.weights[keep] if plot.weights is not None else None
    kind = plot.call.weight.kind if plot.call.weight is not None else "fweight"
    if "bwidth" in opts and "width" in opts:
        raise StataError("options width() and bwidth() may not be combined", 198)
    h = positive(opts, "bwidth") or positive(opts, "width") or smoothers.silverman_bandwidth(
        values, weights, "aweight" if kind.startswith("a") else "fweight")
    lo, hi = float(values.min()), float(values.max())
    span = last_option(opts, "range")
    if isinstance(span, str):
        words = span.split()
        if len(words) == 1:
            other = ctx.data.numeric(ctx.data.resolve(words[0]))[keep]
            lo, hi = float(np.nanmin(other)), float(np.nanmax(other))
        elif len(words) == 2:
            lo, hi = sorted((number(words[0], "range"), number(words[1], "range")))
        else:
            raise StataError("option range() requires two numbers", 198)
    n = _points(opts, 300, "option n() requires a positive integer")
    area = positive(opts, "area") or 1.0
    at = np.linspace(lo, hi, n) if n > 1 else np.array([lo])
    density = smoothers.kernel_density(values, at, h, _kernel_typed(opts), weights) * area
    px, py = (density, at) if is_horizontal(plot) else (at, density)
    return [Series("line", px, py, label=f"kdensity {plot.ys[0]}", style=plot.styles[0],
                   **look_fields(plot, "line"))]


# ------------------------------------------------------------------ smooths and fits
def lowess(ctx, plot, keep) -> list[Series]:
    opts = plot.options
    x, y, _ = xy_columns(ctx, plot, keep, plot.ys[0])
    if x.size < 3 or float(x.max() - x.min()) < 1e-30:
        return []
    bw = number(last_option(opts, "bwidth"), "bwidth") if "bwidth" in opts else 0.8
    if not 0 < bw < 1:
        bw = 0.8
    smooth = smoothers.lowess(y, x, bw, mean=bool(opts.get("mean")), weighted=not opts.get("noweight"),
                              adjust=bool(opts.get("adjust")), logit=bool(opts.get("logit")))
    order = np.argsort(x, kind="stable")
    return [Series("line", x[order], smooth[order], label=f"lowess {plot.ys[0]} {plot.x}",
                   style=plot.styles[0], **look_fields(plot, "line"))]


def fit(ctx, plot, keep) -> list[Series]:
    """lfit, qfit, lfitci, qfitci (``fits``; ``fit_predictions`` for estopts()/predopts())."""
    from mlmcli.graphs.fit_options import estimation_options

    opts, kind = plot.options, plot.kind
    if not keep.any():  # regress over no observations: twoway__lfit_serset's note, nothing drawn
        _regress_failed(ctx, StataError("no observations", 2000))
        return []
    x, y, _ = xy_columns(ctx, plot, keep, plot.ys[0])
    span = None
    if isinstance(last_option(opts, "range"), str):
        bounds = last_option(opts, "range").split()
        if len(bounds) != 2:
            raise StataError("option range() incorrectly specified", 198)
        span = tuple(np.nan if b == "." else number(b, "range") for b in bounds)
    with_ci = kind.endswith("ci")
    default_n = 100 if with_ci else 3
    if kind.startswith("q"):
        default_n = 100
    n = _points(opts, default_n, "option n() incorrectly specified", lowest=-np.inf)  # n() < 2: 2 points
    at = fits.eval_points(x, n, span, bool(opts.get("atobs")))
    se = None
    if with_ci:
        se = "stdf" if opts.get("stdf") else "stdr" if opts.get("stdr") else "stdp"
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    w = None
    if plot.weights is not None:
        w = np.asarray(plot.weights, float)[keep]
    frequency = plot.weight_kind == "fweight"
    constant, vce, cluster_var = estimation_options(ctx, opts)  # noisily: each draw's regress shown
    prediction = fit_predictions.read_prediction(last_option(opts, "predopts"))
    if vce.kind != "ols" or prediction.statistic != "xb":  # regress's VCE, predict's statistic
        fit = _regress_and_predict(ctx, plot, keep, (n, span), se, level, constant, vce, cluster_var, prediction)
        if fit is None:
            return []
    else:
        try:  # regress alone: its failure is twoway__lfit_serset's note (_regress_failed)
            if kind.startswith("l") and constant:
                fit = fits.linear_fit(y, x, at, se, level, w=w, frequency=frequency)
            else:
                fit = fits.polynomial_fit(y, x, at, 1 if kind.startswith("l") else 2, se, level, w=w,
                                          frequency=frequency, constant=constant)
        except StataError as err:
            _regress_failed(ctx, err)
            return []
    return fit_and_band(ctx, plot, fit, level, with_ci, prediction.label(plot.ys[0]))


REGRESS_FAILED = "(note:  regress could not fit model)"


def _regress_failed(ctx, err: StataError) -> None:
    """twoway__lfit_serset (1.0.4): ``capture regress ...``; on failure it prints ``(note:  regress
    could not fit model)`` and, unless the rc is 2000 (no observations: an empty serset, nothing
    drawn), stops with that rc.  mlm's own refusals still stop without the note."""
    from mlmcli.errors import is_mlm_refusal

    if is_mlm_refusal(err):
        raise err
    if err.rc != 2000:
        raise StataError(f"{REGRESS_FAILED}\n{err.message}", err.rc) from None
    ctx.notes.append(REGRESS_FAILED)


def _regress_and_predict(ctx, plot, keep, points, se, level, constant, vce, cluster_var, prediction):
    """regress on e(sample) (the plot's rows with y, x, a weight and a cluster) and predict at
    the points: the grid in observations 1..n of the data or, with atobs, the sample's own
    observations (``fit_predictions``, ``fit_options.point_rows``)."""
    from mlmcli.graphs.fit_options import point_rows, resolver

    n, span = points
    opts = plot.options
    x_all = ctx.data.numeric(plot.x)
    y_all = ctx.data.numeric(plot.ys[0])
    sample = keep & np.isfinite(x_all) & np.isfinite(y_all)
    w_all = None if plot.weights is None else np.asarray(plot.weights, float)
    if w_all is not None:
        sample &= np.isfinite(w_all) & (w_all != 0)
    cluster = missing_cluster = None
    if cluster_var:  # regress drops the rows without a cluster (strings allowed)
        values = ctx.data.column(cluster_var).to_numpy()
        absent = _missing_values(ctx, cluster_var, values)
        if vce.kind == "jackknife" and np.any(sample & absent):  # jackknife's cluster(): r(459) after the
            missing_cluster = cluster_var  # full-sample regress (over these rows too), no markout
        else:
            sample &= ~absent
        if sample.any():
            cluster = np.unique(values[sample].astype(str) if ctx.data.is_string(cluster_var)
                                else values[sample], return_inverse=True)[1]
    if not sample.any():  # regress's r(2000): the note, nothing drawn
        _regress_failed(ctx, StataError("no observations", 2000))
        return None
    x, y = x_all[sample], y_all[sample]
    atobs = bool(opts.get("atobs"))
    at = fits.eval_points(x, n, span, atobs)
    if prediction.statistic == "dfbeta":
        from mlmcli.graphs.fit_options import dfbeta_variable

        dfbeta_variable(ctx, prediction.variable, plot.x)
    rows, where = point_rows(sample, y_all, x_all, len(at), atobs)
    bounds = None
    if prediction.statistic in ("pr", "e", "ystar"):
        from mlmcli.postest.regress_prediction import bound_values

        bounds = bound_values(prediction, resolver(ctx, where))
    from mlmcli.graphs.fpfit_bootstrap import generator

    rng = generator(vce, ctx) if vce.kind == "bootstrap" else None
    degree = 1 if plot.kind.startswith("l") else 2
    if vce.kind == "jackknife":  # the prefix's outputs and checks (fit_jackknife)
        from mlmcli.graphs.fit_jackknife import with_prefix_outputs

        vce = with_prefix_outputs(ctx, plot, vce, degree, constant, sample, cluster, cluster_var)
    if vce.kind == "jackknife" or vce.kind == "bootstrap" and w_all is not None:
        # noisily: the plain regress's runs (graphs.fpfit_printed_runs); bootstrap's unweighted
        # runs are fit_bootstrap_noisily's
        from mlmcli.graphs.fpfit_printed_runs import print_runs, printed_settings

        if printed_settings(last_option(plot.options, "estopts")):
            hooks = getattr(ctx, "jackknife_hooks", None)
            names = [plot.x] + ([hooks.temp_name() if hooks is not None else "__000000"] if degree == 2 else [])
            squared = {names[-1]: x_all[sample] ** 2} if degree == 2 else {}
            print_runs(ctx, plot, [(names, squared, False)], np.flatnonzero(sample), plot.ys[0], [])
    prefix = None
    if vce.kind == "bootstrap" and (w_all is None or (vce.bootstrap or {}).get("force")):  # graphs.fpfit_bootstrap_prefix
        from mlmcli.graphs.fpfit_bootstrap_prefix import fit_prefix

        prefix = fit_prefix(ctx, plot, vce, sample, degree, constant)
    try:
        return fit_predictions.regression_fit(
            y, x, at, degree, se, level,
            w=None if w_all is None else w_all[sample], weight_kind=plot.weight_kind, constant=constant,
            vce=vce, cluster=cluster, prediction=prediction, rows=rows, bounds=bounds, rng=rng,
            missing_cluster=missing_cluster, draws=prefix)
    except StataError as err:
        if vce.kind != "jackknife" or err.rc != 2000:
            raise
        # twoway__lfit_serset: regress failing with r(2000) (no usable replicate) is a note and an
        # empty fit, not an error
        ctx.notes.append(REGRESS_FAILED)
        nan = np.full(len(at), np.nan)
        return fits.LineFit(np.asarray(at, float), nan, nan.copy() if se else None, nan.copy() if se else None)


def _missing_values(ctx, name: str, values: np.ndarray) -> np.ndarray:
    if ctx.data.is_string(name):
        return np.array([v == "" or v is None for v in values], dtype=bool)
    return ~np.isfinite(np.asarray(values, float))


def fit_and_band(ctx, plot, fit, level: float, with_ci: bool, label: str) -> list[Series]:
    """A fit (``fit.x``, ``fit.fit``) drawn as ``fitplot()`` says (default a line, with the
    ``cl*`` looks), after its band (``fit.lower``, ``fit.upper``) drawn as ``ciplot()`` says
    with the ``fcolor()``/``al*`` looks; ``nofit``: the band alone."""
    opts = plot.options
    out: list[Series] = []
    line_fields = look_fields(plot, "line")
    if "clstyle" in opts:  # the fit's linestyle; typed clcolor()/clwidth()/clpattern() win
        line_fields.update(_styled_line(ctx, opts, "clstyle", "color"))
    if "clcolor" in opts:
        line_fields["color"] = ctx.color(last_option(opts, "clcolor"))
    if "clpattern" in opts:
        line_fields["pattern"] = last_option(opts, "clpattern").strip()
    if "clwidth" in opts:
        from mlmcli.graphs.style import line_width

        line_fields["line_width"] = line_width(last_option(opts, "clwidth"))
    fit = _finite_points(fit, with_ci)
    notes = getattr(ctx, "notes", None)
    if with_ci:
        band_kind = view_type(last_option(opts, "ciplot") or "rarea", "y2xtype", "line", notes)
        fields = _band_fields(ctx, opts)
        if band_kind in ONE_Y:
            out += lower_limit_as(ctx, plot, band_kind, getattr(fit, "band_x", fit.x), fit.lower,
                                  f"{level:g}% CI", fields)
        else:
            out += _ci_plot(band_kind, fit, level, fields)
        if opts.get("nofit"):
            return out
    fit_kind = view_type(last_option(opts, "fitplot") or "line", "yxtype", "line", notes)
    if fit_kind in ("line", "connected", "scatter"):
        out.append(Series(fit_kind, fit.x, fit.fit, label=label, style=plot.styles[0], **line_fields))
        return out
    if fit_kind == "dot":
        from mlmcli.graphs.smooth_plots import dot_series

        return out + dot_series(ctx, plot, fit.x, fit.fit, label, plot.styles[0], look_fields(plot, "scatter"))
    # fitplot(area|bar|spike|dropline): the fit drawn as that type draws one y over x, as recast()
    import copy

    from mlmcli.graphs.recast import recast_series

    drawn_as = copy.copy(plot)
    drawn_as.recast = fit_kind
    return out + recast_series([Series("line", fit.x, fit.fit, label=label, style=plot.styles[0])], drawn_as)


def _finite_points(fit, with_ci: bool):
    """The fit's points where the statistic is not missing (Stata's line passes over missing
    values) and the band's where both limits are not (none: vce(bootstrap) keeps no e(df_r))."""
    ok = np.isfinite(fit.fit)
    band_ok = ok & np.isfinite(fit.lower) & np.isfinite(fit.upper) if with_ci else ok
    if ok.all() and band_ok.all():
        return fit
    return SimpleNamespace(x=fit.x[ok], fit=fit.fit[ok], band_x=fit.x[band_ok],
                           lower=None if not with_ci else fit.lower[band_ok],
                           upper=None if not with_ci else fit.upper[band_ok])


def _band_fields(ctx, opts: dict) -> dict:
    """The look of a fit's band: ``fcolor()``/``acolor()``/``color()``, ``fintensity()``,
    ``alcolor()``, ``alwidth()``, ``alpattern()``."""
    fill = ctx.color(last_option(opts, "fcolor") or last_option(opts, "acolor") or last_option(opts, "color"))
    if "fintensity" in opts:  # of the typed fill, or of the scheme's band colour
        from mlmcli.graphs.style import scheme

        base = fill or scheme(getattr(ctx, "scheme", None)).ci_area
        if base != "none":
            fill = intensity(base, popt.intensity_factor(last_option(opts, "fintensity")))
    area_fields = {"color": fill} if fill else {}
    if "alstyle" in opts:  # the band's outline linestyle; typed alcolor()/alwidth() win
        area_fields.update(_styled_line(ctx, opts, "alstyle", "line_color"))
    if "alcolor" in opts:
        area_fields["line_color"] = ctx.color(last_option(opts, "alcolor"))
    if "alwidth" in opts:
        from mlmcli.graphs.style import line_width

        area_fields["line_width"] = line_width(last_option(opts, "alwidth"))
        area_fields.setdefault("line_color", fill or NAMED_COLORS["gs10"])
    if "alpattern" in opts:
        area_fields["edge_pattern"] = last_option(opts, "alpattern").strip()
        area_fields.setdefault("line_color", fill or NAMED_COLORS["gs10"])
    return area_fields


def _styled_line(ctx, opts: dict, name: str, color_field: str) -> dict:
    """Series fields of a named linestyle (``named_styles``) typed in ``clstyle()``/``alstyle()``."""
    from mlmcli.graphs.look_options import line_style

    color, width, _ = line_style(last_option(opts, name), "lstyle", getattr(ctx, "notes", None))
    fields = {color_field: color} if color else {}
    if width is not None:
        fields["line_width"] = width
    return fields


def _ci_plot(kind: str, fit, level: float, fields: dict) -> list[Series]:
    """The band of lfitci/qfitci drawn as ``ciplot()`` says (default rarea), in the CI style."""
    label = f"{level:g}% CI"
    x = getattr(fit, "band_x", fit.x)
    if kind == "rarea":
        return [Series("area", x, fit.lower, fit.upper, label=label, style=0, **fields)]
    color = fields.get("line_color") or fields.get("color") or NAMED_COLORS["gs10"]
    if kind in ("rspike", "rcap"):
        return [Series(kind, x, fit.lower, fit.upper, label=label, style=0, color=color)]
    if kind == "rbar":  # twoway rbar's default barwidth(1), in x's units
        return [Series("bar", x, fit.upper, fit.lower, label=label, style=0, width=1.0, **fields)]
    if kind == "rbarm":  # bars as wide as the band's marker size (graphs.marker_bars)
        return [Series("rbarm", x, fit.lower, fit.upper, label=label, style=0, **fields)]
    if kind == "rcapsym":  # spikes capped with markers: the key is a marker's, as rcapsym's
        return [Series("rspike", x, fit.lower, fit.upper, label=label, style=0, color=color, legend=False)] + [
            Series("scatter", x, bound, label=label, style=0, color=color) for bound in (fit.lower, fit.upper)]
    each = {"rline": "line", "rscatter": "scatter", "rconnected": "connected"}[kind]
    return [Series(each, x, bound, label=label, style=0, color=color) for bound in (fit.lower, fit.upper)]


def lpoly(ctx, plot, keep) -> list[Series]:
    """``twoway lpoly y x, kernel() bwidth() degree() n()``: the local polynomial smooth at n
    (default 50) equally spaced points over the range of x; ``twoway lpolyci`` adds its
    band m -/+ z se (``smoothers.local_polynomial_variance``; ``level()``, ``pwidth()``,
    default 1.5 times the rule-of-thumb bandwidth, ``var(#)``)."""
    opts = plot.options
    x, y, _ = xy_columns(ctx, plot, keep, plot.ys[0])
    if x.size < 2:
        return []
    degree = int(number(last_option(opts, "degree"), "degree")) if "degree" in opts else 0
    if degree < 0:
        raise StataError("degree() must be a nonnegative number", 198)
    kernel = kernel_name(last_option(opts, "kernel"))
    h = positive(opts, "bwidth") or smoothers.rot_bandwidth(y, x, degree, kernel)
    n = _points(opts, 50, "n() must be a positive number")
    n = min(n, ctx.data.nobs) if "n" not in opts else n
    at = np.linspace(float(x.min()), float(x.max()), max(n, 2))
    smooth = smoothers.local_polynomial(y, x, at, h, degree, kernel)
    if plot.kind != "lpolyci":
        ok = np.isfinite(smooth)
        return [Series("line", at[ok], smooth[ok], label="lpoly smooth", style=plot.styles[0],
                       **look_fields(plot, "line"))]
    from scipy.stats import norm

    pilot = positive(opts, "pwidth") or PILOT_FACTOR * smoothers.rot_bandwidth(y, x, degree, kernel)
    sigma2 = positive(opts, "var")
    se = smoothers.local_polynomial_se(y, x, at, h, degree, kernel, pilot, sigma2)
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    z = float(norm.ppf(0.5 + level / 200.0))
    ok = np.isfinite(smooth) & np.isfinite(se)
    band = SimpleNamespace(x=at[ok], fit=smooth[ok], lower=smooth[ok] - z * se[ok],
                           upper=smooth[ok] + z * se[ok])
    return fit_and_band(ctx, plot, band, level, True, "lpoly smooth")


def _points(opts: dict, default: int, message: str, lowest: float = 1.0) -> int:
    """``n(#)``, the number of points a line is evaluated at: from ``lowest`` to Stata's largest
    integer 2^31 - 1 (more is no array numpy can make); else ``message``, r(198).  A number
    that is not whole is syntax's refusal of ``N(integer #)`` (twoway_kdensity_parse.class,
    twoway_lfit_parse.class, twoway_lpoly_parse.class)."""
    if "n" not in opts:
        return default
    n = number(last_option(opts, "n"), "n")
    if not float(n).is_integer():  # the parse classes' N(integer #): syntax refuses 2.5
        raise StataError("option n() incorrectly specified", 198)
    if not lowest <= n <= MAX_OBS:
        raise StataError(message, 198)
    return int(n)
