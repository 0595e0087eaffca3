# Independent reference values for tests/test_dstdize.py (mlm's dstdize).
# Run: Rscript tests/power_reference/dstdize_reference.R > tests/power_reference/dstdize_reference.txt
# Adjusted rates: epitools::ageadjust.direct (its gamma-based interval is not dstdize's, so the
# normal interval and its standard error sqrt(sum w^2 r (1 - r) / n) are written out here).
suppressMessages(library(epitools))
deaths <- list(Iowa = c(40, 100, 250), Maine = c(60, 150, 300))
pops <- list(Iowa = c(4000, 4500, 1500), Maine = c(3000, 5000, 2000))
std_all <- pops$Iowa + pops$Maine
report <- function(tag, std, level) {
  z <- qnorm(0.5 + level / 200)
  for (g in names(deaths)) {
    d <- deaths[[g]]; n <- pops[[g]]; w <- std / sum(std); r <- d / n
    adj <- ageadjust.direct(d, n, stdpop = std)[["adj.rate"]]
    se <- sqrt(sum(w^2 * r * (1 - r) / n))
    cat(sprintf("%s_%s crude %.12f\n%s_%s adj %.12f\n%s_%s se %.12f\n%s_%s lb %.12f\n%s_%s ub %.12f\n",
                tag, g, sum(d) / sum(n), tag, g, adj, tag, g, se, tag, g, max(0, adj - z * se), tag, g, adj + z * se))
  }
}
report("all", std_all, 95)
report("baseIowa", pops$Iowa, 90)
report("using", c(1000, 2000, 3000), 95)
