# Reference values for stcrreg with a competing event on a record before a subject's last one
# (tests/test_survival_stcrreg_records.py): melanoma_records.csv with each split subject's
# "other death" (status 3) moved from its last record to its first (the later records censored,
# status 2).  stcrreg.ado keeps a subject's outcome on its last record and its ParseCompete
# marks that record competing when stset with failure(status==3) ends the subject earlier, so
# the subject is a competing event at its last record's time: the equivalent one-record data is
# each subject's (0, last t] with status 1 if it failed, 3 if any record had the competing
# event, else censored; cmprsk::crr on it.
# Run from the worktree root: Rscript tests/survival_reference/crr_early_competing.R > tests/survival_reference/crr_early_competing.json
library(cmprsk)
s <- read.csv("tests/survival_reference/melanoma_records.csv")
s <- s[order(s$id, s$t), ]
nrec <- ave(s$t, s$id, FUN = length)
pos <- ave(s$t, s$id, FUN = seq_along)
moved <- unique(s$id[s$status == 3 & nrec > 1 & pos == nrec])
s$status[s$id %in% moved & pos == nrec] <- 2
s$status[s$id %in% moved & pos == 1] <- 3
write.csv(s, "tests/survival_reference/melanoma_early_competing.csv", row.names = FALSE)
one <- do.call(rbind, lapply(split(s, s$id), function(r) {
  last <- r[nrow(r), ]
  last$status <- if (last$status == 1) 1 else if (any(r$status == 3)) 3 else 2
  last
}))
fit <- crr(one$t, one$status, as.matrix(one[, c("age", "sex", "thickness", "ulcer")]), failcode = 1, cencode = 2, gtol = 1e-12, maxiter = 100)
cat(jsonlite::toJSON(list(b = unname(fit$coef), se = unname(sqrt(diag(fit$var))), ll = fit$loglik,
                          moved = length(moved), n_compete = sum(one$status == 3)),
                     digits = 15, auto_unbox = TRUE, pretty = TRUE))
