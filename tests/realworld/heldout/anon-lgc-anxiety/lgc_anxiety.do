* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 3740628651 (a public GitHub .do file of teaching examples, "lgc-01": a latent growth curve of four anxiety waves -- cscript, capture log close, set linesize 80, set more off, set rmsg on, log using a text file, use with a relative Windows path, sem with the slope and intercept loadings typed from the latent side (SLOPE -> anxiety1@0 ... anxiety4@3) (INTERCEPT -> anxiety1@1 ...), the four intercepts fixed with (anxiety1 anxiety2 anxiety3 anxiety4 <- _cons@0), mean(SLOPE INTERCEPT); the index does not name the repository)
* author: Ben Kite (file header), 2015
* licence: none stated
* data: ..\..\data\anxiety.dta = lgc_anxiety
cscript
capture log close
set linesize 80
set more off
set rmsg on
log using "lgc-01-output.txt", text replace
use "..\..\data\anxiety.dta", clear
sem (SLOPE -> anxiety1@0 anxiety2@1 anxiety3@2 anxiety4@3) (INTERCEPT -> anxiety1@1 anxiety2@1 anxiety3@1 anxiety4@1) (anxiety1 anxiety2 anxiety3 anxiety4 <- _cons@0), mean(SLOPE INTERCEPT)
capture log close
