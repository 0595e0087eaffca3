# Wooldridge's test for serial correlation (xtserial) from first principles in R: lm on first
# differences without a constant, lm of its residuals on their lag without a constant, the
# cluster-robust variance of sandwich::vcovCL (HC1: G/(G-1) (N-1)/(N-k), Stata's regress), the
# F test of the slope = -0.5 on (1, G - 1) df.  The panels: xtrc_panels.csv, with a gap
# (company 4 loses year 7) and the rows with time == 5 left out (the if qualifier).
# Run: Rscript xtserial_reference.R -> xtserial_reference.json
library(jsonlite)
library(sandwich)
d <- read.csv("xtrc_panels.csv")
d <- d[!(d$company == 4 & d$time == 7), ]
wtest <- function(d, use) {
  d <- d[order(d$company, d$time), ]
  prev <- function(v) {
    key <- paste(d$company, d$time)
    v[match(paste(d$company, d$time - 1), key)]
  }
  # the if qualifier selects rows; a difference reads the previous period whether selected or not
  dy <- d$invest - prev(d$invest); dm <- d$market - prev(d$market); ds <- d$stock - prev(d$stock)
  ok <- use & !is.na(dy) & !is.na(dm) & !is.na(ds)
  m1 <- lm(dy[ok] ~ dm[ok] + ds[ok] - 1)
  e <- rep(NA, nrow(d)); e[ok] <- residuals(m1)
  le <- prev(e)
  ok2 <- ok & !is.na(le)
  m2 <- lm(e[ok2] ~ le[ok2] - 1)
  V <- vcovCL(m2, cluster = d$company[ok2], type = "HC1", cadjust = TRUE)
  G <- length(unique(d$company[ok2]))
  F <- (coef(m2)[1] + 0.5)^2 / V[1, 1]
  list(corr = unname(coef(m2)[1]), F = unname(F), df_r = G - 1, p = unname(pf(F, 1, G - 1, lower.tail = FALSE)))
}
out <- list(all = wtest(d, rep(TRUE, nrow(d))), not5 = wtest(d, d$time != 5))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "xtserial_reference.json")
