* ============================================================================
* hsb.do -- the classic High School and Beyond sequence of Raudenbush & Bryk
* (2002), Hierarchical Linear Models, 2nd ed., chapter 4: 7,185 students in
* 160 schools, math achievement (mathach) and socio-economic status (ses).
*
*   Run from the project root:   mlm samples/hsb.do
*
* All models use REML, as the book does.  Beside each model are the book's
* published estimates (standard errors in parentheses), to the precision the
* book prints.  Every one of them was also checked against an independent
* REML fit of these data; Tables 4.2 and 4.3 agree as well with UCLA IDRE's
* SAS reproduction of the chapter.
* ============================================================================

version 13
set more off

* Student file (sector: 1 = Catholic, 0 = public; cses = ses - school mean).
use samples/data/hsb.dta, clear
* School file: the book's MEANSES is the school mean of SES centred over the
* 160 schools (hsb.dta's meanses is the uncentred mean; it is about .006
* lower and would move the intercepts of Tables 4.3 and 4.5 by .03).
merge m:1 school using samples/data/hsb_schools.dta
drop _merge


* ----------------------------------------------------------------------------
* Table 4.2: one-way ANOVA with random effects (the "null model").
*   gamma00 (grand mean)        12.64 (0.24)
*   tau00   (between schools)    8.61
*   sigma^2 (within schools)    39.15
*   => intraclass correlation .18
*   reliability of the school means (average lambda_j) .90
*   H0: tau00 = 0: chi-square 1660.23 on 159 df (HLM's test; estat hlmchi2)
* ----------------------------------------------------------------------------
mixed mathach || school:, reml
estat icc
estat reliability, nogroups
estat hlmchi2


* ----------------------------------------------------------------------------
* Table 4.3: means as outcomes (school mean SES predicts the school mean).
*   gamma00 (intercept)         12.65 (0.15)
*   gamma01 (MEANSES)            5.86 (0.36)
*   tau00                        2.64
*   sigma^2                     39.16
*   H0: tau00 = 0: chi-square 633.52 on 158 df
* ----------------------------------------------------------------------------
mixed mathach MEANSES || school:, reml
estat hlmchi2


* ----------------------------------------------------------------------------
* Table 4.4: random-coefficient regression model, SES centred on each
* school's mean, with intercept and SES slope varying across schools.
*   gamma10 (mean SES slope)     2.19 (0.13)
*   tau00   (intercepts)         8.68
*   tau01   (covariance)         0.05
*   sigma^2                     36.70
* ----------------------------------------------------------------------------
mixed mathach cses || school: cses, cov(unstructured) reml
estat recovariance


* ----------------------------------------------------------------------------
* Table 4.5: intercepts and slopes as outcomes.  MEANSES and sector explain
* both the school means and the SES slopes (cross-level interactions).
*   intercept:  gamma00 12.10 (0.20)  MEANSES gamma01 5.33 (0.37)
*               sector  gamma02  1.23 (0.31)
*   SES slope:  gamma10  2.94 (0.16)  MEANSES gamma11 1.04 (0.30)
*               sector  gamma12 -1.64 (0.24)
*   tau00 2.38   tau01 0.19   tau11 0.10
* ----------------------------------------------------------------------------
mixed mathach MEANSES sector cses c.MEANSES#c.cses c.sector#c.cses || school: cses, cov(unstructured) reml
estat recovariance
