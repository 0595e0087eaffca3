* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 6247859806 (a public GitHub .do file of teaching code on growth models for a symptom-severity outcome measured in weeks 1, 2, 4 and 7 of a drug trial: egen grand mean and grand-mean centring of a person-level covariate, week recentred at 4 and at 2, a random-intercept mixed ... || Participant:, reml, linear growth with a random slope and covariance(unstructured) reml dfmethod(kroger) stddeviations and a comma before the random part, c.Drug##c.Week4 cross-level products, a piecewise model from two recode-built pieces with random slopes on both, and a quadratic growth model in which the author's second `gen Week2` fails because the piecewise section made it already; the index does not name the repository; the file has no data-loading line, its data are preloaded)
* author: unknown
* licence: none stated
* preload: severity_growth
egen MaleGrandMean = mean(Male)
gen Week4 = Week - 4
gen Male_cgm = Male - MaleGrandMean
mixed Severity Week4 || Participant:, reml
mixed Severity Week4, || Participant: Week4, covariance(unstructured) reml dfmethod(kroger) stddeviations
mixed Severity Drug Male_cgm Week4 c.Drug##c.Week4, || Participant: Week4, covariance(unstructured) reml dfmethod(kroger) stddeviations
gen Week2 = Week - 2
gen WeekEp1 = Week2
gen WeekEp2 = Week2
recode WeekEp1 (2 5 = 0)
recode WeekEp2 (-1 = 0)
mixed Severity WeekEp1 WeekEp2, || Participant: WeekEp1 WeekEp2, covariance(unstructured) reml dfmethod(kroger) stddeviations
mixed Severity WeekEp1 WeekEp2 Drug c.WeekEp1##c.Drug c.WeekEp2##c.Drug, || Participant: WeekEp1 WeekEp2, covariance(unstructured) reml dfmethod(kroger) stddeviations
* mlm-expect: r(110)
gen Week2 = Week - 2
gen Week2_sq = Week2*Week2
mixed Severity Week2 Week2_sq, || Participant: Week2, covariance(unstructured) reml dfmethod(kroger) stddeviations
mixed Severity Week2 Week2_sq Drug c.Week2##c.Drug c.Week2_sq##c.Drug, || Participant: Week2, covariance(unstructured) reml dfmethod(kroger) stddeviations
