# The numbers at risk sts graph's risktable shows (tests/test_sts_graph_drawn_options.py):
# R's summary(survfit, times =) n.risk by group at 0, 10, 20, 30 on sts_km.csv (no delayed entry:
# the test's stset ignores t0), and on the ten-record set with one late entry (t0 = 3).
# Run: Rscript tests/survival_reference/sts_risktable.R > tests/survival_reference/sts_risktable.json
library(survival)
d <- read.csv("tests/survival_reference/sts_km.csv")
f <- survfit(Surv(t, d) ~ g, data = d)
s <- summary(f, times = c(0, 10, 20, 30), extend = TRUE)
groups <- lapply(1:3, function(k) s$n.risk[s$strata == paste0("g=", k)])
small <- data.frame(t0 = c(0, 0, 0, 0, 0, 0, 0, 3, 0, 0), t = c(4, 2, 30, 9, 7, 7, 12, 15, 20, 5),
                    d = c(1, 1, 0, 0, 1, 0, 1, 1, 0, 1))
fs <- survfit(Surv(t0, t, d) ~ 1, data = small)
ss <- summary(fs, times = c(0, 3, 4, 13), extend = TRUE)
cat(sprintf('{"groups": [[%s], [%s], [%s]], "delayed": [%s]}\n',
            paste(groups[[1]], collapse = ", "), paste(groups[[2]], collapse = ", "),
            paste(groups[[3]], collapse = ", "), paste(ss$n.risk, collapse = ", ")))
