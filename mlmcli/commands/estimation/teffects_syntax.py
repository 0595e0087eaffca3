"""The pieces of teffects' syntax its subcommands share: the parenthesized equations, an
equation's model options and a treatment level typed as a value or a value label."""
from __future__ import annotations

from mlmcli.errors import StataError


def split_equations(text: str) -> list[str]:
    """The parenthesized equations of ``(...) (...)``; anything else between them is an error."""
    from mlmcli.textscan import balance_error, split_words

    err = balance_error(text, "(")
    if err is not None:
        raise err
    out = []
    for word in split_words(text, "("):
        if not (word.startswith("(") and word.endswith(")")):
            raise StataError(f"{word} invalid", 198)
        out.append(word[1:-1])
    return out


def equation_parts(text: str) -> tuple[str, list[str]]:
    vars_part, _, opt_part = text.partition(",")
    return vars_part.strip(), opt_part.split()


def model_options(words: list[str], allowed: tuple[str, ...], which: str) -> tuple[str, bool]:
    model, constant = allowed[0], True
    for w in words:
        lw = w.lower()
        if len(lw) >= 6 and "noconstant".startswith(lw):
            constant = False
        elif lw in allowed:
            model = lw
        else:
            raise StataError(f"{which} model {w} not allowed" if "(" not in w else f"option {w} not allowed", 198)
    return model, constant


def level_index(ds, tvar: str, text: str, levels: list[float], option: str) -> int:
    """control()/tlevel(): a level's value or its value label, as its index in ``levels``."""
    t = str(text).strip()
    try:
        v = float(t)
    except ValueError:
        match = [lev for lev in levels if ds.value_label_text(tvar, lev) == t]
        if not match:
            raise StataError(f"{option}({t}) invalid; {t} is not a level of {tvar}", 198) from None
        v = float(match[0])
    if v not in levels:
        raise StataError(f"{option}({t}) invalid; {t} is not a level of {tvar}", 198)
    return levels.index(v)


def check_variables(ds, depvar: str, tvar: str, o_terms, t_terms) -> None:
    """_teffects_vlist_exclusive2's checks and its messages, and numeric outcome and treatment."""
    from mlmcli.factor_variables import term_variables

    for name in (depvar, tvar):
        if ds.is_string(name):
            raise StataError(f"string variables not allowed in varlist;\n{name} is a string variable", 109)
    if depvar == tvar:
        raise StataError("the outcome variable cannot be the same as the treatment variable", 198)
    if tvar in term_variables(o_terms):
        raise StataError("the treatment variable cannot be in the outcome-model specification", 198)
    if tvar in term_variables(t_terms):
        raise StataError("the treatment variable cannot be repeated in the treatment-model specification", 198)
