"""gsem's ``covstructure(variables, structure)`` ([SEM] sem and gsem option covstructure()),
for the latent variables mlm's gsem has (random intercepts and slopes ``Name[group]``).

``variables`` is ``_LEx`` (all latent exogenous variables; the SEM Builder writes it
``_lexogenous``), a list of latent variables (``Name`` or ``Name[group]``), or error
variables ``e.y``/``e._OEn``/``e._LEn``/``e._En``.  mlm's latent covariances are all
estimated (its default) or all fixed at 0, so ``diagonal`` over every latent variable, or
over fewer than two, and ``unstructured`` are honoured; ``identity`` and ``exchangeable``
over one variable are the same model.  The errors of gsem's responses are uncorrelated
(``covstruct(e._En, diagonal)`` is the default), so ``diagonal`` over errors changes
nothing.  Anything else is refused (r(198))."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates

# structure -> shortest abbreviation ({opt diag:onal} {opt un:structured} {opt id:entity} ...)
_STRUCTURES = {"diagonal": 4, "unstructured": 2, "identity": 2, "exchangeable": 2, "zero": 4,
               "pattern": 3, "fixed": 3}
_KEYWORDS = {"_lexogenous": 4, "_oexogenous": 4, "_exogenous": 3}


def _structure(text: str, spec: str) -> str:
    word = text.strip().split("(")[0].strip().lower()
    for name, n in _STRUCTURES.items():
        if word and abbreviates(word, name, n):
            return name
    raise StataError(f"covstructure({spec}): invalid structure {text.strip()}", 198)


def _latents_named(words: list[str], labels: list[str], spec: str) -> set[str]:
    if len(words) == 1 and abbreviates(words[0].lower(), "_lexogenous", 4):
        return set(labels)
    for word in words:
        key = word.lower()
        if any(abbreviates(key, k, n) for k, n in _KEYWORDS.items()):
            raise StataError(f"covstructure({spec}): mlm's gsem has no observed exogenous variables in"
                             " covstructure(); use _LEx", 198)
    chosen = set()
    for word in words:
        hits = [lab for lab in labels if lab == word or lab.split("[")[0] == word]
        if not hits:
            raise StataError(f"covstructure({spec}): {word} is not a latent exogenous variable of the model", 198)
        chosen.update(hits)
    return chosen


def covstructure_independent(specs, labels: list[str]) -> bool:
    """Whether the typed covstructure() options fix every latent covariance at 0."""
    independent = False
    for spec in specs or []:
        spec = str(spec)
        if "," not in spec:
            raise StataError(f"covstructure({spec}): variables, structure required", 198)
        variables, structure = spec.split(",", 1)
        words = variables.split()
        kind = _structure(structure, spec)
        if not words:
            raise StataError(f"covstructure({spec}): variables required", 198)
        if all(w.lower().startswith("e.") for w in words):
            if kind != "diagonal":
                raise StataError(f"covstructure({spec}) not available in mlm's gsem; its errors are uncorrelated",
                                 198)
            continue
        chosen = _latents_named(words, labels, spec)
        if kind == "unstructured" or (len(chosen) <= 1 and kind in ("diagonal", "identity", "exchangeable")):
            continue
        if kind == "diagonal" and chosen == set(labels):
            independent = True
            continue
        raise StataError(f"covstructure({spec}) not available in mlm's gsem; mlm estimates all latent covariances"
                         " or fixes all at 0 (diagonal over _LEx)", 198)
    return independent
