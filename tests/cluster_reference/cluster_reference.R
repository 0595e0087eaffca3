# Reference values for tests/test_cluster.py: R's stats::hclust, cutree, cophenetic and kmeans
# (Lloyd) on a fixed 12 x 3 dataset; kmedians coded here from its definition.
# Run: Rscript cluster_reference.R > cluster_reference.json
x <- c(1.2, 3.4, 0.5,   2.1, 3.9, 1.1,   1.7, 2.8, 0.2,   7.9, 8.3, 5.1,   8.8, 7.6, 4.4,
       7.2, 9.1, 6.3,   4.4, 1.3, 9.7,   5.1, 0.2, 8.8,   3.9, 2.2, 9.9,   6.6, 5.5, 2.4,
       0.3, 7.7, 3.3,   2.9, 6.8, 4.6)
X <- matrix(x, ncol = 3, byrow = TRUE)
out <- list(x = X)
methods <- list(single = "single", complete = "complete", average = "average", waverage = "mcquitty",
                median = "median", centroid = "centroid", wards = "ward.D")
squared <- c("median", "centroid", "wards")
for (m in names(methods)) {
  d <- dist(X)
  if (m %in% squared) d <- d^2
  h <- hclust(d, method = methods[[m]])
  out[[m]] <- list(heights = h$height, cophenetic = as.matrix(cophenetic(h)),
                   cut2 = cutree(h, 2), cut3 = cutree(h, 3), cut4 = cutree(h, 4))
}
# the L1 (manhattan) and Linfinity (maximum) measures with average linkage
for (pair in list(c("L1", "manhattan"), c("Linfinity", "maximum"), c("Canberra", "canberra"))) {
  h <- hclust(dist(X, method = pair[2]), method = "average")
  out[[paste0("average_", pair[1])]] <- list(heights = h$height, cophenetic = as.matrix(cophenetic(h)))
}
# kmeans from the first 3 rows (start(firstk)), Lloyd's batch algorithm
km <- kmeans(X, centers = X[1:3, ], algorithm = "Lloyd", iter.max = 100)
out$kmeans_firstk <- list(cluster = km$cluster, centers = km$centers)
# kmeans from everykth's start: means of rows 1,4,7,10 / 2,5,8,11 / 3,6,9,12
start <- t(sapply(1:3, function(g) colMeans(X[seq(g, 12, 3), ])))
km <- kmeans(X, centers = start, algorithm = "Lloyd", iter.max = 100)
out$kmeans_everykth <- list(cluster = km$cluster, centers = km$centers)
# kmedians with L1 from the last 3 rows (start(lastk)): assign to the nearest median, recompute
centers <- X[10:12, ]
group <- rep(0, 12)
repeat {
  d <- sapply(1:3, function(g) colSums(abs(t(X) - centers[g, ])))
  new <- apply(d, 1, which.min)
  if (all(new == group)) break
  group <- new
  centers <- t(sapply(1:3, function(g) apply(X[group == g, , drop = FALSE], 2, median)))
}
out$kmedians_lastk_L1 <- list(cluster = group, centers = centers)
# stopping rules after Ward's linkage: fpc::calinhara and the Duda-Hart ratio from its definition
# (NbClust's duda: within sums of squares of the two subclusters over the one they split)
h <- hclust(dist(X)^2, method = "ward.D")
out$calinski_wards <- sapply(2:11, function(k) fpc::calinhara(X, cutree(h, k)))
wss <- function(rows) if (sum(rows) > 1) sum(scale(X[rows, , drop = FALSE], scale = FALSE)^2) else 0
duda <- t(sapply(1:10, function(k) {
  fewer <- cutree(h, k); more <- cutree(h, k + 1)
  split <- which(sapply(1:k, function(g) length(unique(more[fewer == g])) > 1))
  parts <- unique(more[fewer == split])
  a <- more == parts[1]; b <- more == parts[2]
  c(ratio = (wss(a) + wss(b)) / wss(fewer == split),
    t2 = (wss(fewer == split) / (wss(a) + wss(b)) - 1) * (sum(a) + sum(b) - 2))
}))
out$duda_wards <- duda
out$calinski_kmeans_firstk <- fpc::calinhara(X, out$kmeans_firstk$cluster)
# matrix dissimilarity: dist() between observations and between variables (t(X))
out$dist <- list(L2 = as.matrix(dist(X)), L1 = as.matrix(dist(X, "manhattan")),
                 Linfinity = as.matrix(dist(X, "maximum")), Canberra = as.matrix(dist(X, "canberra")),
                 L3 = as.matrix(dist(X, "minkowski", p = 3)), variables_L2 = as.matrix(dist(t(X))))
# Sibson's pointer representation of the single-linkage tree from hclust's merges: at each
# merge the cluster with the lower highest member points (pi) to the other's highest, at lambda
h <- hclust(dist(X), method = "single")
high <- numeric(nrow(h$merge)); pi <- 1:12; lambda <- rep(NA, 12)
top <- function(k) if (k < 0) -k else high[k]
for (s in seq_len(nrow(h$merge))) {
  a <- top(h$merge[s, 1]); b <- top(h$merge[s, 2])
  pi[min(a, b)] <- max(a, b); lambda[min(a, b)] <- h$height[s]; high[s] <- max(a, b)
}
out$pointer_single <- list(pi = pi, lambda = lambda)
# similarity measures between observations: the correlation of the rows and their cosine;
# linkages on them through 1 - similarity (single, complete and average linkage are unchanged
# by the shift, so their heights are 1 - the similarity heights)
S <- cor(t(X)); A <- (X %*% t(X)) / sqrt(rowSums(X^2) %o% rowSums(X^2))
out$similarity <- list(correlation = S, angular = A)
for (m in c("single", "complete", "average")) {
  h <- hclust(as.dist(1 - S), method = m)
  out[[paste0("correlation_", m)]] <- list(heights = 1 - h$height, cophenetic = 1 - as.matrix(cophenetic(h)),
                                           cut3 = cutree(h, 3))
}
cat(jsonlite::toJSON(out, digits = NA, matrix = "rowmajor"))
