# lme4 fits of the hard-model sweep (driven by bench/hard_models.py --refresh-lme4).
# usage: Rscript bench/hard_models.R jobs.json out.json
# Per job: lmer(formula, REML = reml) with lme4's default optimiser; stores the log
# likelihood (restricted for REML), each term's covariance matrix, sigma^2 and lme4's
# convergence messages.
suppressMessages({library(lme4); library(jsonlite)})
args <- commandArgs(trailingOnly = TRUE)
jobs <- fromJSON(args[1], simplifyVector = FALSE)
out <- list()
for (j in jobs) {
  d <- read.csv(j$csv)
  for (f in unlist(j$factors)) d[[f]] <- factor(d[[f]])
  m <- tryCatch(lmer(as.formula(j$formula), d, REML = isTRUE(j$reml)),
                error = function(e) conditionMessage(e))
  if (is.character(m)) { out[[j$name]] <- list(error = m); next }
  vc <- VarCorr(m)
  out[[j$name]] <- list(
    loglik = as.numeric(logLik(m)),
    sigma2 = sigma(m)^2,
    cov = lapply(vc, function(v) unname(matrix(as.numeric(v), nrow(v)))),
    fixef = unname(fixef(m)),
    messages = as.list(c(m@optinfo$conv$lme4$messages, m@optinfo$warnings)),
    singular = isSingular(m),
    lme4 = as.character(packageVersion("lme4")))
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), args[2])
