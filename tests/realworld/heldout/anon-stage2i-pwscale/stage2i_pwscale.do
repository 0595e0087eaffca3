* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 15165798502 (a public GitHub .do file that checks weighted two-level estimates against Stata: a random-slope mixed model of y on x and z in groups g with an unstructured covariance, the level-1 weight [pw=w2] and the level-2 weight pweight(w1) under pwscale(gk), then the conditional weight written as the product [pw=w2*w1] under pwscale(size) and unscaled, each with iterate(100), the coefficient vectors logged with log using ..., nomsg, log off/log on and matrix list e(b), noblank nonames noheader; the index does not name the repository)
* author: unknown
* licence: none stated
* data: /tmp/stage2i = stage2i_weights
use /tmp/stage2i
set linesize 200
mixed y x z [pw=w2] || g: z, cov(uns) pweight(w1) pwscale(gk) iterate(100)
log using /tmp/stage2i, nomsg replace
matrix list e(b), noblank nonames noheader
log off
mixed y x z [pw=w2*w1] || g: z, cov(uns) pweight(w1) pwscale(size) iterate(100)
log on
matrix list e(b), noblank nonames noheader
log off
mixed y x z [pw=w2*w1] || g: z, cov(uns) pweight(w1)  iterate(100)
log on
matrix list e(b), noblank nonames noheader
log close
exit
