# Independent reference values for mlm's kap (tests/test_epitab.py): Cohen's kappa for two
# raters written out in base R from Fleiss, Cohen and Everitt (1969) (the standard error under
# no agreement beyond chance), unweighted and with linear (w) and quadratic (w2) weights.
# Run: Rscript kappa.R > kappa.json
tab <- matrix(0, 3, 3)
tab[1, 1] <- 10; tab[1, 2] <- 3; tab[2, 2] <- 12; tab[2, 3] <- 2; tab[3, 3] <- 8; tab[3, 1] <- 1; tab[1, 3] <- 1
n <- sum(tab); f <- tab / n; fi <- rowSums(f); fj <- colSums(f); k <- 3
out <- c()
for (scheme in c("I", "w", "w2")) {
  gap <- abs(outer(1:k, 1:k, "-")) / (k - 1)
  w <- switch(scheme, I = diag(k), w = 1 - gap, w2 = 1 - gap^2)
  p0 <- sum(w * f); pe <- sum(w * outer(fi, fj))
  kappa <- (p0 - pe) / (1 - pe)
  wbar_i <- as.vector(w %*% fj); wbar_j <- as.vector(fi %*% w)
  se <- sqrt(sum(outer(fi, fj) * (w - outer(wbar_i, wbar_j, "+"))^2) - pe^2) / ((1 - pe) * sqrt(n))
  out <- c(out, sprintf('  "%s": {"prop_o": %.15g, "prop_e": %.15g, "kappa": %.15g, "se": %.15g, "z": %.15g}',
                        scheme, p0, pe, kappa, se, kappa / se))
}
cat("{\n", paste(out, collapse = ",\n"), "\n}\n", sep = "")
