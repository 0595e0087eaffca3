* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37124773191 (a public GitHub .do file of a study of redistribution preferences and voting in the European Social Survey: random-intercept logits by xtmelogit of voting for the left and for the populist right among the native born, with c. and i. factor variables, i.year, an if qualifier in parentheses and a continuation line, each model replayed as odds ratios by xtmelogit, or; the index does not name the repository; the data are in memory when the file starts)
* author: unknown
* licence: none stated
* preload: ess_vote_redistribution
xtmelogit vleft redpref1 c.incomedif age i.gender education i.religion i.union i.euroesec forpop socgdp i.year if (brncntr==1) || country:
xtmelogit, or

xtmelogit vleft redpref1 i.year if (brncntr==1) || country:
xtmelogit, or

xtmelogit vpopright redpref1 c.incomedif age i.gender education i.religion i.union i.euroesec forpop socgdp i.year if (brncntr==1) || country:
xtmelogit, or

xtmelogit vpopright redpref1 i.year if (brncntr==1) || country:
xtmelogit, or
