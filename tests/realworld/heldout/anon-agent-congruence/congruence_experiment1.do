* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 56222467178 (a public GitHub .do file of a psychology experiment on human-agent congruence, Experiment 1: clear all, the data file's name in a local, use "`local'", clear, the practice trial dropped, mixed z-scored congruence on i.AgentType and c.TrialNum with a random slope on i.AgentType by participant, with and without the AgentType x TrialNum interaction, estimates store and lrtest, the interaction model refitted with reml dfmethod(kroger), contrast i.AgentType, small, pwcompare i.AgentType, small effects mcompare(bonf), margins i.AgentType, contrast of the interaction with small, and pwcompare (c.TrialNum#AgentType) of the slopes, mcompare(bonf) small [effects]; the index does not name the repository) (excerpt: the author's guard `if _rc { di as error ...; exit 601 }` after `capture confirm file` left out -- it stops the file when the data file is absent, as it is here)
* author: unknown
* licence: none stated
* data: data/Long format Perf Experiment1.dta = agent_congruence
clear all
set more off
local data_file "data/Long format Perf Experiment1.dta"
capture confirm file "`data_file'"
use "`data_file'", clear
keep if TrialNum != 1
mixed Congruence1 i.AgentType c.TrialNum || PartID: i.AgentType
estimates store m1
mixed Congruence1 i.AgentType c.TrialNum i.AgentType#c.TrialNum || PartID: i.AgentType
estimates store m2
lrtest m1 m2
mixed Congruence1 i.AgentType c.TrialNum i.AgentType#c.TrialNum || PartID: i.AgentType, reml dfmethod(kroger)
contrast i.AgentType, small
pwcompare i.AgentType, small effects mcompare(bonf)
margins i.AgentType
contrast i.AgentType#c.TrialNum, small
pwcompare (c.TrialNum#AgentType), mcompare(bonf) small
pwcompare (c.TrialNum#AgentType), effects mcompare(bonf) small
