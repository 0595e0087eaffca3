# fracpoly's degree-2 terms for the R references: the powers searched (Stata 13's default set)
# and the two terms of a pair p (a repeated power: the second term times ln z; power 0: ln z).
S <- c(-2, -1, -0.5, 0, 0.5, 1, 2, 3)
fp <- function(z, p) {
  t1 <- if (p[1] == 0) log(z) else z^p[1]
  t2 <- if (p[2] == p[1]) t1 * log(z) else if (p[2] == 0) log(z) else z^p[2]
  cbind(t1, t2)
}
