"""The options every meta analysis shares: the model and method (``random[(remethod)]``,
``common[(cefemethod)]``, ``fixed[(cefemethod)]``, at most one), ``se(khartung[, truncated])``
and ``level(#)``."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

RANDOM_CHOICES = (("reml", 4), ("mle", 3), ("ebayes", 2), ("dlaird", 2), ("sjonkman", 2), ("hedges", 2),
                  ("hschmidt", 2))
MODEL_SPECS = [OptionSpec("random", 6, True, True), OptionSpec("common", 6, True, True),
               OptionSpec("fixed", 5, True, True)]


def method_choice(typed: str, choices, option: str) -> str:
    from mlmcli.syntax.abbreviation import abbreviates

    t = typed.strip().lower()
    for name, n in choices:
        if abbreviates(t, name, n):
            return name
    raise StataError(f"option {option}() invalid;\nmethod {typed.strip()} not allowed", 198)


def model_and_method(opts: dict, binary: bool = False) -> tuple[str, str] | None:
    """The typed model option as (model, method), or None when none was typed."""
    typed = [m for m in ("random", "common", "fixed") if m in opts]
    if len(typed) > 1:
        raise StataError(f"only one of {', '.join(typed[:-1])} or {typed[-1]} is allowed", 184)
    if not typed:
        return None
    model = typed[0]
    arg = opts[model]
    if model == "random":
        return model, "reml" if arg is True else method_choice(arg, RANDOM_CHOICES, "random")
    choices = (("invvariance", 3), ("mhaenszel", 2)) if binary else (("invvariance", 3),)
    default = "mhaenszel" if binary else "invvariance"
    return model, default if arg is True else method_choice(arg, choices, model)


def se_adjustment(opts: dict, model: str) -> str:
    """``se(khartung[, truncated])`` -> 'khartung' (random-effects models only)."""
    text = opts.get("se")
    if text is None:
        return ""
    words = text.replace(",", " ").split()
    if not words or not "khartung".startswith(words[0].lower()) or len(words[0]) < 2:
        raise StataError(f"option se() invalid;\n{text} not allowed", 198)
    if len(words) > 1:
        raise StataError("option se(): truncated is not implemented in mlm", 198)
    if model != "random":
        raise StataError("option se() allowed only with random-effects models", 198)
    return "khartung"
