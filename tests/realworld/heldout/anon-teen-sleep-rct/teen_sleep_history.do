* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 12709719175 (a public GitHub .do file -- a saved command history of a randomized trial of a sleep intervention for adolescents, treatment vs. control at pre, post and 6- and 12-month follow-ups -- mixed outcome Tx##time ... || ID: with time an abbreviation of timepoint, estat group/icc/sd/summarize/df, test of interaction cells with mtest(holm), contrast Tx@timepoint, r.Tx@timepoint, ar.Tx@timepoint, Tx#timepoint overall and r.Tx##ib1.time, dfmethod(repeated|kroger|residual|anova) reml, mixed, dftable(pvalue) replay, random slopes on time with cov(un) and stddev, margins Tx#timepoint with marginsplot, a risk-category file recoded and saved, tab ..., chi of derived cut-offs, egen tag(), three-way Tx##time##text with margins; excerpt: from the history's first use to the line before its import delimited (its xtmelogit part reads a csv and an Excel file not mapped here), the history's earlier graph use lines of the author's .gph files left out; the do lines of a do-file editor temporary file are kept and not run; folders replaced; the index does not name the repository)
* author: unknown (a user folder "ldong" in the file's paths)
* licence: none stated
* data: all_data_pre_to_6mFU.dta = teen_sleep_6mfu
* data: risk_categories_pre_eligiblity_complete.dta = teen_sleep_risk_categories
* data: all_data_pre_to_12mFU_w_text_msg.dta = teen_sleep_12mfu_text
use "/Users/x/project/all_data_pre_to_6mFU.dta"
do "/var/folders/x/T//SD00797.000000"
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , nolog
estat group
estat icc
estat sd
test (0.Tx#0.timepoint 0.Tx#1.timepoint 0.Tx#2.timepoint 1.Tx#0.timepoint 1.Tx#1.timepoint 1.Tx#2.timepoint)
contrast Tx@timepoint
test (1.Tx)
contrast Tx#timepoint, overall
contrast Tx#timepoint, overall
test (1.Tx), mtest(holm)
test (0.Tx#0.timepoint 0.Tx#1.timepoint 0.Tx#2.timepoint 1.Tx#0.timepoint 1.Tx#1.timepoint 1.Tx#2.timepoint), mtest(holm)
estat summarize
estat summarize, equation
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , dfmethod(repeated) nolog
mixed, dftable(pvalue)
estat df
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(kroger) reml
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(residual) reml
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(anova) reml
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , mle
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, nolog mle
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, nolog mle cov(un)
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(repeated) reml
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , cov(unstructured) nolog dfmethod(repeated) reml
contrast Tx@timepoint
contrast r.Tx@timepoint
help atmeans
mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , cov(unstructured) nolog dfmethod(repeated) reml
margins Tx#timepoint
marginsplot
margins timepoint#Tx
marginsplot
contrast r.Tx@timepoint
contrast Tx@timepoint
 mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: , cov(unstructured) nolog dfmethod(repeated) reml
 contrast r.Tx@timepoint
 contrast r.Tx@timepoint
  mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(repeated) reml
  contrast r.Tx@timepoint
   mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, cov(unstructured) nolog dfmethod(anova) reml
   contrast r.Tx@timepoint
   contrast ar.Tx@timepoint
   use "/Users/x/project/risk_categories_pre_eligiblity_complete.dta"
   tab1 emo_risk-risk_count
   gen risk_count_3cat = 1 if risk_count == 1
   replace risk_count_3cat = 2 if risk_count == 2
   replace risk_count_3cat = 3 if risk_count > 2
   tab risk_count*
   drop _merge
   label variable risk_count_3cat "Label"
   label variable risk_count_3cat "Label"
   save "/Users/x/project/risk_categories_pre_eligiblity_complete.dta", replace
   tab1 CDRS-risk_count_3cat
   use "/Users/x/project/all_data_pre_to_12mFU_w_text_msg.dta"
   mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time, nolog cov(un) stddev
   mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 text_messaging || ID: time, nolog cov(un) stddev
    mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 || ID: time if time !=3, nolog cov(un) stddev
	 mixed PSQITOT_ Tx##time age_yr_0 sex_0 || ID: , nolog 
	  mixed PSQITOT_ Tx##time age_yr_0 sex_0 || ID: time, nolog 
	   mixed PSQITOT_ Tx##time age_yr_0 sex_0 || ID: time if time!=3, nolog 
	    mixed PSQITOT_ Tx##time age_yr_0 sex_0 || ID: time if time!=3, nolog cov(un)
		gen non_evening_post = 1 if CMEP_  >= 28 & time == 1 
		replace non_evening_post= 0 if CMEP_ < 28 & time == 1
		tab non_evening_post
		gen non_evening_FU6 = 1 if CMEP_  >= 28 & time == 2
		replace non_evening_FU6= 0 if CMEP_ < 28 & time == 2
		tab non_evening_FU6
		gen non_evening_FU12 = 1 if CMEP_  >= 28 & time == 3
		replace non_evening_FU12= 0 if CMEP_ < 28 & time == 3
		tab non_evening_FU12
		tab non_evening_FU6 Tx
		tab non_evening_FU6 Tx, chi
		drop non_evening_post non_evening_FU6 non_evening_FU12
		gen non_evening_post = 1 if CMEP_  > 27 & time == 1 
		replace non_evening_post= 0 if CMEP_ <= 27 & time == 1
		tab non_evening_post
		gen non_evening_FU6 = 1 if CMEP_  > 27 & time == 2
		replace non_evening_FU6= 0 if CMEP_ <= 27 & time == 2
		tab non_evening_FU6
		gen non_evening_FU12 = 1 if CMEP_  >= 28 & time == 3
		drop non_evening_FU12
		gen non_evening_FU12 = 1 if CMEP_  > 27 & time == 3
		replace non_evening_FU12= 0 if CMEP_ <= 27 & time == 3
		tab non_evening_FU12
		tab non_evening_FU6 Tx
		tab non_evening_FU6 Tx, chi
		tab non_evening_FU12 Tx, chi
		use "/Users/x/project/all_data_pre_to_6mFU.dta", clear
		do "/var/folders/x/T//SD00797.000000"
		mixed ACS_ Tx##time age_yr_0 sex_0 || ID: , nolog
		contrast r.Tx##ib1.time
		margins timepoint#Tx
		marginsplot, xtitle("") title("Title") plot1opt(lpattern(dash)) plot2opt(msymbol(diamond))
		use "/Users/x/project/all_data_pre_to_12mFU_w_text_msg.dta"
		mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 text_messaging || ID: , nolog 
		contrast r.Tx@timepoint
		contrast r.Tx##ib1.time
		contrast r.timepoint@Tx
		mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 text_messaging || ID: if time == 3 | time == 2, nolog 
		contrast r.Tx@timepoint
		mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 text_messaging || ID: time , nolog cov(un) 
		contrast r.Tx@timepoint
		mixed CMEP Tx##time age_yr_0 sex_0  || ID: , nolog 
		contrast r.Tx@timepoint
		mixed WD_TSTavg_ Tx##time age_yr_0 sex_0 text_messaging || ID: , nolog 
		mixed CMEP Tx##time age_yr_0 sex_0 text || ID: , nolog 
		contrast r.Tx@timepoint
		mixed CMEP Tx##time age_yr_0 sex_0  || ID: if time!=3 , nolog 
		contrast r.Tx@timepoint
		help ttest
		bysort Tx: sum CMEP_ 
		bysort Tx: sum CMEP_ if time == 3
		regress CMEP Tx sex_0 age_yr_0 text_messaging if time == 3
		regress CMEP Tx sex_0 age_yr_0  if time == 3
		regress CMEP Tx sex_0 age_yr_0 i.text_messaging if time == 3
		tab text Tx, chi
		egen pickone = tag(ID)
		tab text Tx if pickone== 1, chi
		mixed CMEP Tx##time age_yr_0 sex_0  || ID: , nolog 
		contrast r.Tx@timepoint
		mixed CMEP Tx##time##text age_yr_0 sex_0  || ID: , nolog 
		margins Tx##time##text
		marginsplot
		margins timepoint#Tx#text
		marginsplot
		contrast r.Tx@timepoint
		mixed CMEP Tx##time age_yr_0 sex_0  || ID: , nolog 
		sum age
		sum age if pickone==1
		gen age_centered = age_yr_0 -  14.77011
		mixed CMEP Tx##time##text age_center sex_0  || ID: , nolog 
		mixed CMEP Tx##time age_center sex_0  || ID: , nolog 
