# The bootstrap summaries of mlm's replicates (replicates.json, make_replicates.py) by R's boot
# package (boot.ci), written to boot_reference.json for tests/test_bootstrap_foundation.py.
# Run from the worktree: Rscript tests/bootstrap_reference/boot_reference.R
#
# boot.ci's percentile interval takes the order statistic (R+1)*alpha (interpolating on the
# normal scale between order statistics otherwise); with R = 999 and 95% that is the 25th and
# 975th, which is also Stata's _pctile at 2.5 and 97.5 (P = 999 p/100 not a whole number:
# x_(floor(P)+1)).  For BC and BCa Stata takes _pctile at the adjusted levels where boot.ci
# interpolates, so the reference gives boot.ci's adjusted levels (its z0 = qnorm(#{t < t0}/R),
# its acceleration sum(L^3)/(6 sum(L^2)^1.5) from the jackknife influence values L given) and
# R's quantile(type = 2) -- the same definition as _pctile -- at them, besides boot.ci's own
# interpolated ends.
library(boot)
library(jsonlite)

here <- if (length(sys.frames())) dirname(sys.frame(1)$ofile) else "tests/bootstrap_reference"
d <- fromJSON(file.path(here, "replicates.json"))
t <- as.matrix(d$replicates)
t0 <- d$observed
J <- as.matrix(d$jackknife)
R <- nrow(t)
n <- nrow(J)

# a boot object over the replicates mlm drew (boot.ci reads t0, t, R; L given for bca)
bobj <- list(t0 = t0, t = t, R = R, data = seq_len(n), seed = d$seed, sim = "ordinary", stype = "i",
             strata = rep(1, n), weights = rep(1 / n, n), call = quote(boot(data = NA, statistic = NA, R = 999)),
             statistic = function(x, i) NA)
class(bobj) <- "boot"

out <- list(stats = list())
for (j in seq_along(t0)) {
  L <- (n - 1) * (mean(J[, j]) - J[, j])  # jackknife influence values
  ci <- boot.ci(bobj, conf = 0.95, type = c("perc", "bca"), index = j, L = L)
  a <- sum(L^3) / (6 * sum(L^2)^1.5)
  z0 <- qnorm(sum(t[, j] < t0[j]) / R)
  zalpha <- qnorm(c(0.025, 0.975))
  bca_alpha <- pnorm(z0 + (z0 + zalpha) / (1 - a * (z0 + zalpha)))
  bc_alpha <- pnorm(2 * z0 + zalpha)
  out$stats[[j]] <- list(
    observed = t0[j], bias = mean(t[, j]) - t0[j], se = sd(t[, j]),
    percentile = ci$percent[4:5], bca_interpolated = ci$bca[4:5],
    z0 = z0, acceleration = a, bca_alpha = bca_alpha, bc_alpha = bc_alpha,
    bca_type2 = unname(quantile(t[, j], bca_alpha, type = 2)),
    bc_type2 = unname(quantile(t[, j], bc_alpha, type = 2)))
}
# ties: Stata's ties option counts half of the replicates equal to the observed value
tt <- d$ties_replicates
tobs <- d$ties_observed
c_le <- sum(tt <= tobs)
c_ties <- c_le - sum(tt == tobs) / 2
out$ties <- list(z0 = qnorm(c_le / length(tt)), z0_ties = qnorm(c_ties / length(tt)),
                 bc_ties = unname(quantile(tt, pnorm(2 * qnorm(c_ties / length(tt)) + qnorm(c(0.025, 0.975))),
                                           type = 2)))
out$R_version <- R.version.string
out$boot_version <- as.character(packageVersion("boot"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(here, "boot_reference.json"))
