# Reference values for tests/test_xtivreg.py from R's plm (2.6-2): panel 2SLS on the panels
# make_panels.py writes.  Run: Rscript reference.R > reference.json
# Model: y ~ x1 + x2 + w | x1 + w + z1 + z2 (x2 endogenous; w time-invariant).
suppressMessages(library(plm))
out <- list()
put <- function(name, fit, vc = vcov(fit)) {
  out[[name]] <<- list(names = names(coef(fit)), b = unname(coef(fit)),
                       V = unname(as.vector(vc)), df = df.residual(fit),
                       rss = sum(residuals(fit)^2), ercomp = NULL)
}
for (kind in c("balanced", "unbalanced")) {
  d <- pdata.frame(read.csv(paste0(kind, ".csv")), index = c("id", "t"))
  f_fe <- y ~ x1 + x2 | x1 + z1 + z2
  f <- y ~ x1 + x2 + w | x1 + w + z1 + z2
  fe <- plm(f_fe, data = d, model = "within")
  put(paste0(kind, "_fe"), fe)
  # the cluster-robust sandwich without small-sample factors (HC0 over panels)
  put(paste0(kind, "_fe_cluster_hc0"), fe, vcovHC(fe, method = "arellano", type = "HC0", cluster = "group"))
  be <- plm(f, data = d, model = "between")
  put(paste0(kind, "_be"), be)
  if (kind == "balanced") {
    fd <- plm(f_fe, data = d, model = "fd")
    put("balanced_fd", fd)
    put("balanced_fd_cluster_hc0", fd, vcovHC(fd, method = "arellano", type = "HC0", cluster = "group"))
    g2 <- plm(f, data = d, model = "random", inst.method = "bvk")
    put("balanced_g2sls", g2)
    out[["balanced_g2sls"]]$sigma2 <- unname(ercomp(g2)$sigma2)
    ec <- plm(f, data = d, model = "random", inst.method = "baltagi")
    put("balanced_ec2sls", ec)
    out[["balanced_ec2sls"]]$sigma2 <- unname(ercomp(ec)$sigma2)
  }
}
cat(jsonlite::toJSON(out, digits = 15, auto_unbox = TRUE, null = "null"))
