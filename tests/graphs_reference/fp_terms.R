# fracpoly's powers S and the terms of a power pair (a repeated power p: x^p and x^p log x), and
# the scaled x fracpoly searches on (x / 10^floor(log10(range))); sourced by fpfit_estcmd.R and
# fpfit_nbreg.R (run them from this folder) after they define x.
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
terms <- function(z, p) {
  out <- list()
  for (i in seq_along(p)) {
    if (i > 1 && p[i] == p[i - 1]) out[[i]] <- out[[i - 1]] * log(z)
    else out[[i]] <- if (p[i] == 0) log(z) else z^p[i]
  }
  do.call(cbind, out)
}
scale <- 10^floor(log10(max(x) - min(x)))
z <- x / scale
