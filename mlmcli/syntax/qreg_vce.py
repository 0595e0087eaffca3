"""qreg's ``vce()`` as qreg.ado's VCEParse reads it (Stata 13):

    vce([iid|robust] [, fitted|residual|kernel[(kernel)] hsheather|bofinger|chamberlain])

-> (vce, denmethod, bandwidth method, kernel); the defaults iid, fitted, hsheather,
epanechnikov; Stata's messages for every refusal."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import split_options

METHODS = (("fitted", 3), ("residual", 3), ("residuals", 9), ("kernel", 3))
BANDWIDTHS = (("bofinger", 2), ("hsheather", 2), ("chamberlain", 2))
KERNEL_NAMES = (("epanechnikov", 2), ("epan2", 5), ("biweight", 2), ("cosine", 3), ("gaussian", 3),
                ("parzen", 3), ("rectangle", 3), ("triangle", 3))


def _invalid(text: str) -> StataError:
    return StataError(f"invalid vce() specification; {text}", 198)


def parse_qreg_vce(text: str | None) -> tuple[str | None, str, str, str]:
    """(iid|robust|None (the default), denmethod, bandwidth method, kernel)."""
    if text is None:
        return None, "fitted", "hsheather", "epanechnikov"
    body, options, _ = split_options(str(text))
    words = body.split()
    vce = None
    if words:
        types = [resolve_choice(word, (("iid", 3), ("robust", 1))) for word in words]
        if None in types:
            raise StataError(f"option vce({body.strip()}) is not allowed", 198)
        if len(types) > 1:
            raise _invalid("only one of iid or robust is allowed")
        vce = types[0]
    methods, bands, kernel = [], [], "epanechnikov"
    for option in options:
        name = option.name
        method = resolve_choice(name, METHODS)
        band = resolve_choice(name, BANDWIDTHS)
        if method is not None:
            if method != "kernel" and option.arg is not None:
                raise _invalid(f"suboption {option.name}({option.arg}) is not allowed")
            methods.append("residual" if method == "residuals" else method)
            if method == "kernel" and option.arg is not None and option.arg.strip():
                kernel = resolve_choice(option.arg.strip().lower(), KERNEL_NAMES)
                if kernel is None or len(option.arg.split()) > 1:
                    raise _invalid(f"suboption kernel({option.arg.strip()}) is not allowed")
        elif band is not None and option.arg is None:
            bands.append(band)
        else:
            shown = option.name + (f"({option.arg})" if option.arg is not None else "")
            raise _invalid(f"suboption {shown} is not allowed")
    if len(methods) > 1:
        raise _invalid("only one of fitted, residual, or kernel() is allowed")
    if len(bands) > 1:
        raise _invalid("only one of bofinger, hsheather, or chamberlain is allowed")
    method = methods[0] if methods else "fitted"
    if vce == "robust" and method == "residual":
        raise StataError("option vce(robust, residual) is invalid; residual may not be specified as a "
                         "suboption to vce(robust)", 184)
    return vce, method, bands[0] if bands else "hsheather", kernel
