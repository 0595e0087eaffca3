# Independent reference for tests/test_fracpoly.py: fracpoly regress y x z (degree 2) and
# fracpoly regress y x, degree(1), by lm() over every FP model (r-cran-mfp is not packaged here).
# Run: Rscript tests/fracpoly_reference/fracpoly.R > tests/fracpoly_reference/fracpoly_R.txt
d <- read.csv("tests/fracpoly_reference/fp.csv")
S <- c(-2, -1, -.5, 0, .5, 1, 2, 3)
X <- d$x / 10                                   # frac_xo: range 59 -> scale 10
term <- function(p, prev = NULL) {
  if (!is.null(prev)) return(prev * log(X))
  if (p == 0) log(X) else X^p
}
design <- function(ps) {
  out <- list(); for (i in seq_along(ps)) {
    out[[i]] <- if (i > 1 && ps[i] == ps[i - 1]) term(ps[i], out[[i - 1]]) else term(ps[i])
  }
  do.call(cbind, out)
}
fitdev <- function(ps, covs) {
  m <- if (length(ps) && !is.null(covs)) lm(d$y ~ design(ps) + covs) else if (length(ps)) lm(d$y ~ design(ps))
       else if (!is.null(covs)) lm(d$y ~ covs) else lm(d$y ~ 1)
  c(dev = -2 * as.numeric(logLik(m)), rsd = summary(m)$sigma)
}
run <- function(degree, covs) {
  f0 <- fitdev(c(), covs)
  best <- rep(list(list(dev = f0[["dev"]], rsd = f0[["rsd"]], p = c())), 2 * degree + 1)  # index df + 1
  count <- 0
  for (deg in 1:degree) {
    cands <- if (deg == 1) as.list(S) else { l <- list(); for (i in seq_along(S)) for (j in i:length(S)) l[[length(l) + 1]] <- S[c(i, j)]; l }
    for (ps in cands) {
      count <- count + 1
      f <- fitdev(ps, covs)
      df <- 2 * deg - (1 %in% ps)
      if (f[["dev"]] < best[[df + 1]]$dev) best[[df + 1]] <- list(dev = f[["dev"]], rsd = f[["rsd"]], p = ps)
    }
  }
  for (df in seq(2, 2 * degree, 2)) if (best[[df]]$dev < best[[df + 1]]$dev) best[[df + 1]] <- best[[df]]
  n <- nrow(d); rdf <- n - 1 - (if (is.null(covs)) 0 else 1)
  top <- best[[2 * degree + 1]]$dev
  cat(sprintf("degree %d count %d\n", degree, count))
  rows <- list(c("none", 0, 2 * degree), c("linear", 1, 2 * degree - 1))
  if (degree > 1) for (m in 1:(degree - 1)) rows[[length(rows) + 1]] <- c(paste0("m", m), 2 * m, 2 * (degree - m))
  for (r in rows) {
    idf <- as.numeric(r[2]); n1 <- as.numeric(r[3]); b <- best[[idf + 1]]
    dd <- b$dev - top; n2 <- rdf - idf
    P <- pf(expm1(dd / n) * n2 / n1, n1, n2, lower.tail = FALSE)
    cat(sprintf("%s dev %.10f rsd %.10f dif %.10f P %.10g powers %s\n", r[1], b$dev, b$rsd, dd, P, paste(b$p, collapse = " ")))
  }
  b <- best[[2 * degree + 1]]
  cat(sprintf("m%d dev %.10f rsd %.10f powers %s\n", degree, b$dev, b$rsd, paste(b$p, collapse = " ")))
  D <- design(b$p); Xm <- mean(X)
  ctr <- { X0 <- X; X <<- Xm; v <- design(b$p); X <<- X0; v }   # each term at the mean of X
  Dc <- sweep(D, 2, ctr)
  m <- if (is.null(covs)) lm(d$y ~ Dc) else lm(d$y ~ Dc + covs)
  cat("center", sprintf("%.10g", ctr), "\n")
  cat("coef", sprintf("%.10g", coef(m)), "\n")
  cat("se", sprintf("%.10g", sqrt(diag(vcov(m)))), "\n")
}
run(2, d$z)
run(1, NULL)
