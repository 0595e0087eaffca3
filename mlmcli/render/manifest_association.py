"""``xtrho``'s table: one block per value of the linear predictor."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.manifest_association import ManifestAssociation


def _num(v: float) -> str:
    return format_number(v, "%9.4f")


def render_manifest_association(res: ManifestAssociation) -> str:
    rule = "-" * 59
    lines = ["", f"Measures of intra-class manifest association in random-effects {res.model}"]
    for point in res.points:
        lines += [f"Evaluated at {point.where} linear predictor ({format_number(point.eta, '%9.0g').strip()})",
                  "", rule,
                  f"{'Measure':<25}|  Estimate    [{res.level:g}% Conf. Interval]",
                  "-" * 25 + "+" + "-" * 33]
        for name, est, lo, hi in point.rows:
            lines.append(f"{name:<25}| {_num(est)}  {_num(lo)}  {_num(hi)}")
        lines += [rule, ""]
    lines.append(f"Latent-response intraclass correlation rho = {_num(res.rho).strip()}   "
                 f"[{_num(res.rho_ci[0]).strip()}, {_num(res.rho_ci[1]).strip()}]")
    return "\n".join(lines)
