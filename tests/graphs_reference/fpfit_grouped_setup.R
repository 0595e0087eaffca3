# fpfit_grouped.json's data and what fpfit_grouped_options.R and fpfit_grouped_vce.R share (run
# them from this folder): x, y, g, t; fp_terms.R, the exact conditional logit and the GEE;
# the distinct x drawn (at), the row twoway keeps at each (first: the smallest y there), and
# fracpoly's degree-2 search (the first pair of the smallest deviance dev_of(terms)).
suppressMessages(library(jsonlite))
ref <- fromJSON("fpfit_grouped.json")
x <- ref$x; y <- ref$y; g <- ref$g; t <- ref$t
source("fp_terms.R")
source("../reference_values/clogit_enumeration.R")
source("../reference_values/gee_fit.R")
at <- sort(unique(x))
first <- order(x, y)[!duplicated(x[order(x, y)])]
search <- function(dev_of) {
  best <- Inf
  for (i in seq_along(S)) for (j in i:length(S)) {
    p <- c(S[i], S[j]); d <- dev_of(terms(z, p))
    if (d < best - 1e-9) { best <- d; bp <- p }
  }
  bp
}
