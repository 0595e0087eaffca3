* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: github:BITSS/Citations@9ae7a0f7d9791936de88410b6cceab75c0a92601 analysis/econ_citationregression.do (the economics half of the Berkeley Initiative for Transparency in the Social Sciences study of data sharing and citations in the AER and QJE, 2001-2009 -- cd, log using, three import excel ..., cellrange() firstrow of Web of Science exports, drop of a letter-named column range and named columns, foreach over column letters renaming them to yearly counts with a local counter, tempfile of four names, save/append/clear all, replace/drop by DOI and title, rename, insheet ..., clear names, gen of a sample flag from string comparisons, strpos() drops, replace "NA" then destring, save, import delimited ..., delimiter() clear, keep if on strings, forvalues renames of v# with labels, append, merge 1:1 doi, keep if _merge!=1, date(,"YMD") with a local date, substr/destring of the year, nested forvalues with `=...' expressions filling citation flows by publication year, label define/values, tab ..., generate(), interaction dummies, foreach destring loop over twelve reference codes, bysort egen mean() and line/histogram/graph bar ..., stack over() over() figures exported to .eps/.png/.gph, the author-rank indicators with extended missing values .a/.b, and the regressions: foreach loops over availability measures, time controls and log/level outcomes of regress with summ if e(sample), r(mean) into outreg2 ..., tex label replace/append addtext() addstat() nocons drop()/keep(), ivreg2 ... (avail = aerXpost2005 ...), first savefirst robust with e(widstat) and est restore _ivreg2_avail_*, a manual first stage with test and r(F), predict, and the exclusion-restriction regressions on topics, data types and ranks; ends with exit; the shell line after exit left out)
* author: Garret Christensen and co-authors (BITSS; the do-file's own header names no author)
* licence: none stated
* data: ../external_econ/savedrecs.xls = bitss_savedrecs
* data: ../external_econ/savedrecs2.xls = bitss_savedrecs2
* data: ../external_econ/savedrecs3.xls = bitss_savedrecs3
* data: ../external_econ/citations_clean_data.csv = bitss_clean_data
* data: ../external/citation_counts.csv = bitss_citation_counts
set more off
clear all
cd "/Users/author/citations/analysis"
cap log close
log using ../logs/econ_citationregression.log, replace
import excel ../external_econ/savedrecs.xls, cellrange(A28:EI69) firstrow
drop V-DR CorporateAuthors Editors BookEditors PartNumber Supplement SpecialIssue ArticleNumber ConferenceTitle ConferenceDate
local X=2001
foreach var in DS DT DU DW DV DX DY DZ EA EB EC ED EE EF EG EH EI{
	rename `var' _`X'citation
	local X=`X'+1
}
tempfile qje2009pt1 qje2009pt2 miscellaneous qje2009all
save `qje2009pt1'
clear all
import excel ../external_econ/savedrecs2.xls, cellrange(A28:EI31) firstrow
drop V-DR CorporateAuthors Editors BookEditors PartNumber Supplement SpecialIssue ArticleNumber ConferenceTitle ConferenceDate
local X=2001
foreach var in DS DT DU DW DV DX DY DZ EA EB EC ED EE EF EG EH EI{
	rename `var' _`X'citation
	local X=`X'+1
}
save `qje2009pt2'
clear all
import excel ../external_econ/savedrecs3.xls, cellrange(A28:EI43) firstrow
drop V-DR CorporateAuthors Editors BookEditors PartNumber Supplement SpecialIssue ArticleNumber ConferenceTitle ConferenceDate
local X=2001
foreach var in DS DT DU DW DV DX DY DZ EA EB EC ED EE EF EG EH EI{
	rename `var' _`X'citation
	local X=`X'+1
}
drop if DOI=="10.1257/aer.98.1.567" | DOI=="10.1257/aer.992.343" | DOI=="10.1257/aer/98.2.224"
save `miscellaneous'
append using `qje2009pt1'
append using `qje2009pt2'
replace DOI="10.1162/qjec.2009.124.2.735" if Title=="TITLE OF ARTICLE ONE"
drop if DOI=="10.1162/qjec.2008.123.4.1329" & Title=="TITLE OF ARTICLE TWO"
rename DOI doi
rename Authors authors
rename SourceTitle journalname
replace journalname="Quarterly Journal of Economics" if journalname=="QUARTERLY JOURNAL OF ECONOMICS"
rename Title title
rename PublicationDate publishdate
rename TotalCitations totalcitations
save `qje2009all'
insheet using ../external_econ/citations_clean_data.csv, clear names
gen pp=1 if journal=="aer" & (publication_date=="2001/05/01"|publication_date=="2001/05/01"| publication_date=="2002/05/01"|publication_date=="2003/05/01"|publication_date=="2004/05/01"| publication_date=="2005/05/01"|publication_date=="2006/05/01"|publication_date=="2007/05/01"| publication_date=="2008/05/01"|publication_date=="2009/05/01")
replace pp=0 if pp==.
label var pp "label"
gen mainsample=1 if data_type!="no_data" & pp!=1
label var mainsample "label"
drop if strpos(title,"Notes from the Editor")>0
drop if strpos(title,"Errata to")>0
drop if strpos(title,"ERRATUM")>0
drop if strpos(title,"Erratum")>0
drop if strpos(title,"CORRIGENDUM")>0
replace citation_count="." if citation_count=="NA"
destring citation_count, replace
summ citation_count
drop if citation_count == .
rename citation_count citation
save ../external/temp.dta, replace
import delimited using ../external/citation_counts.csv, delimiter(",") clear
keep if journalname=="American Economic Review"|journalname=="Quarterly Journal of Economics"
rename citations _2001citation
label var _2001citation "label"
forvalues X=10/26 {
local Y=`X'+1992
rename v`X' _`Y'citation
label var _`Y'citation "label"
}
append using `qje2009all'
drop if doi=="No DOI"
merge 1:1 doi using ../external/temp.dta
keep if _merge!=1
rename _merge mergeciteflow
rename totalcitations wokcitation
label var wokcitation "label"
gen lnwokcitation=ln(wokcitation+1)
label var lnwokcitation "label"
gen date=date(publication_date,"YMD")
local scrapedate=date("2017-11-21","YMD")
gen print_months_ago=(`scrapedate'-date)/30.42
gen print_months_ago_sq=print_months_ago*print_months_ago
gen print_months_ago_cu=print_months_ago_sq*print_months_ago
gen aer=(journal=="aer")
local Mar2005=date("2005-03-01","YMD")
gen post2005=(date>`Mar2005')
gen aerXpost2005=aer*post2005
label var aerXpost2005 "label"
gen year=substr(publication_date, 1, 4)
destring year, replace
drop if year>2009
forvalues Y=0/5 {
	gen year`Y'citation=.
	label var year`Y'citation "label"
	forvalues X=2001/`=2017-`Y'' {
	replace year`Y'citation=_`=`X'+`Y''citation if year==`X'
	}
}
gen cum1citation=year0citation +year1citation
gen cum2citation=year0citation+year1citation+year2citation
gen cum3citation=year0citation+year1citation+year2citation+year3citation
label var cum3citation "label"
gen cum4citation=year0citation+year1citation+year2citation+year3citation+year4citation
gen cum5citation=year0citation+year1citation+year2citation+year3citation+year4citation+year5citation
label var cum5citation "label"
label var year "label"
label var citation "label"
label var print_months_ago "label"
label var print_months_ago_sq "label"
label var print_months_ago_cu "label"
label var aer "label"
label var post2005 "label"
label define beforeafter 0 "label1" 1 "label2"
label values post2005 beforeafter
replace data_type="" if data_type=="skip"
tab data_type, generate(data_type_)
label var data_type_1 "label"
label var data_type_2 "label"
label var data_type_3 "label"
label var data_type_4 "label"
gen aerXdata=aer*(data_type_2==0)
label var aerXdata "label"
gen aerXpost2005Xdata=aerXpost2005*(data_type_2==0)
label var aerXpost2005Xdata "label"
gen post2005Xdata=post2005*(data_type_2==0)
label var post2005Xdata "label"
gen post2005Xnotpp=post2005*(pp!=1)
label var post2005Xnotpp "label"
gen dataXnotpp=(data_type_2==0)*(pp!=1)
label var dataXnotpp "label"
gen post2005XdataXnotpp=post2005Xdata*(pp!=1)
label var post2005XdataXnotpp "label"
gen aerXpost2005XdataXnotpp=aerXpost2005Xdata*(pp!=1)
label var aerXpost2005XdataXnotpp "label"
gen aerXpost2005Xnotpp=aerXpost2005*(pp!=1)
label var aerXpost2005Xnotpp "label"
gen aerXdataXnotpp=aerXdata*(pp!=1)
label var aerXdataXnotpp "label"
gen aerXnotpp=aer*(pp!=1)
label var aerXnotpp "label"
gen lncitation=ln(citation+1)
label var lncitation "label"
replace availability = "files" if title=="TITLE OF ARTICLE THREE" & doi == "10.1257/aer.98.1.474"
replace availability_fileext = "files" if title=="TITLE OF ARTICLE THREE" & doi == "10.1257/aer.98.1.474"
gen avail_yn=(availability=="files")
gen avail_data=(availability=="files"|availability=="data")
label var avail_yn "label"
foreach var in reference_code_partial_strict reference_code_partial_easy reference_data_partial_strict reference_data_partial_easy reference_files_partial_strict reference_files_partial_easy reference_code_full_strict reference_code_full_easy reference_data_full_strict reference_data_full_easy reference_files_full_strict reference_files_full_easy{
	replace `var'="." if `var'=="NA"
	destring `var', replace
}
gen avail_state_full=(reference_data_full_strict==1| reference_data_full_easy==1| reference_files_full_strict==1| reference_files_full_easy==1)
gen avail_state_part=(avail_state_full==1)|(reference_code_partial_strict==1| reference_code_partial_easy==1| reference_data_partial_strict==1| reference_data_partial_easy==1| reference_files_partial_strict==1| reference_files_partial_easy==1)
label var avail_state_full "label"
label var avail_state_part "label"
gen laborecon=(topic=="Labor and Demographic Economics")
label var laborecon "label"
save ../external_econ/cleaned/econ_mergedforregs.dta, replace
foreach data in yn data {
if "`data'"=="yn" local t="text"
if "`data'"=="data" local t="text"
bysort year aer: egen avail_j_avg`data'=mean(avail_`data')
label var avail_j_avg`data' "label"
gen aer_y_avg`data'=avail_j_avg`data' if aer==1
label var aer_y_avg`data' "label"
gen qje_y_avg`data'=avail_j_avg`data' if aer==0
label var qje_y_avg`data' "label"
line aer_y_avg`data' qje_y_avg`data' year, title("text") bgcolor(white) graphregion(color(white)) ylabel(0 0.2 0.4 0.6 0.8 1) xline(2005) lpattern(solid dash)
graph export ../output/econ_avail`data'_time_all.eps, replace
graph export ../output/econ_avail`data'_time_all.png, replace
gen avail_`data'_dataarticle=avail_`data' if data_type!="no_data"
bysort year aer: egen avail_j_avg_dataarticle`data'=mean(avail_`data'_dataarticle)
label var avail_j_avg_dataarticle`data' "label"
gen aer_y_avg_dataarticle`data'=avail_j_avg_dataarticle`data' if aer==1
label var aer_y_avg_dataarticle`data' "label"
gen qje_y_avg_dataarticle`data'=avail_j_avg_dataarticle`data' if aer==0
label var qje_y_avg_dataarticle`data' "label"
line aer_y_avg_dataarticle`data' qje_y_avg_dataarticle`data' year, title("text") bgcolor(white) graphregion(color(white)) ylabel(0 0.2 0.4 0.6 0.8 1) xline(2005) lpattern(solid dash)
graph export ../output/econ_avail`data'_time_dataarticle.eps, replace
graph export ../output/econ_avail`data'_time_dataarticle.png, replace
gen avail_`data'_data_nopp=avail_`data' if data_type!="no_data" & pp!=1
bysort year aer: egen avail_j_avg_data_nopp`data'=mean(avail_`data'_data_nopp)
label var avail_j_avg_data_nopp`data' "label"
gen aer_y_avg_data_nopp`data'=avail_j_avg_data_nopp`data' if aer==1
label var aer_y_avg_data_nopp`data' "label"
gen qje_y_avg_data_nopp`data'=avail_j_avg_data_nopp`data' if aer==0
label var qje_y_avg_data_nopp`data' "label"
line aer_y_avg_data_nopp`data' qje_y_avg_data_nopp`data' year, title("text") bgcolor(white) graphregion(color(white)) ylabel(0 0.2 0.4 0.6 0.8 1) xline(2005) lpattern(solid dash) xlabel(2001(2)2009)
graph save ../output/econ_avail`data'_time_data_nopp.gph, replace
graph export ../output/econ_avail`data'_time_data_nopp.eps, replace
graph export ../output/econ_avail`data'_time_data_nopp.png, replace
}
histogram citation if citation<500, bgcolor(white) graphregion(color(white)) title("text") subtitle("text")
graph export ../output/econ_cite_histo_all.eps, replace
graph export ../output/econ_cite_histo_all.png, replace
graph save ../output/econ_cite_histo_all.gph, replace
gen citation_year=citation/(print_months_ago/12)
label var citation_year "label"
histogram citation_year if citation<500, bgcolor(white) graphregion(color(white)) title("text") subtitle("text")
graph export ../output/econ_cite_histo_year_all.eps, replace
graph export ../output/econ_cite_histo_year_all.png, replace
graph save ../output/econ_cite_histo_year_all.gph, replace
histogram citation if citation<500, bgcolor(white) graphregion(color(white)) title("text")
graph export ../output/econ_cite_histo.eps, replace
graph export ../output/econ_cite_histo.png, replace
graph save ../output/econ_cite_histo.gph, replace
label var citation_year "label"
histogram citation_year if citation<500, bgcolor(white) graphregion(color(white)) title("text")
graph export ../output/econ_cite_histo_year.eps, replace
graph export ../output/econ_cite_histo_year.png, replace
graph save ../output/econ_cite_histo_year.gph, replace
bysort year aer: egen cite_j_avg=mean(citation)
label var cite_j_avg "label"
gen aer_y_citeavg=cite_j_avg if aer==1
label var aer_y_citeavg "label"
gen qje_y_citeavg=cite_j_avg if aer==0
label var qje_y_citeavg "label"
line aer_y_citeavg qje_y_citeavg year, title("text") bgcolor(white) graphregion(color(white)) lpattern(solid dash)
graph export ../output/econ_cite_time.eps, replace
replace topic="" if topic=="skip"
gen topic_1=(topic=="Microeconomics")
label var topic_1 "label"
gen topic_2=(topic=="Macroeconomics and Monetary Economics")
label var topic_2 "label"
gen topic_3=(topic=="Labor and Demographic Economics")
label var topic_3 "label"
gen topic_4=(topic=="Health, Education, and Welfare")
label var topic_4 "label"
gen topic_5=(topic=="International Economics")
label var topic_5 "label"
gen topic_6=(topic=="Financial Economics")
label var topic_6 "label"
gen topic_7=(topic_1==0&topic_2==0&topic_3==0&topic_4==0&topic_5==0&topic_6==0)
label var topic_7 "label"
label define journal 0 "label1" 1 "label2"
label values aer journal
graph bar topic_*, stack over(aer) legend(lab(1 "text1") lab(2 "text2") lab(3 "text3") lab(4 "text4") lab(5 "text5") lab(6 "text6") lab(7 "text7"))
graph export ../output/econ_topicXjournal.eps, replace
foreach X in 2005 {
graph bar topic_*, stack over(post`X') over(aer) legend(lab(1 "text1") lab(2 "text2") lab(3 "text3") lab(4 "text4") lab(5 "text5") lab(6 "text6") lab(7 "text7")) title("text") bgcolor(white) graphregion(color(white))
graph export ../output/econ_topicXjournalXpost`X'.eps, replace
}
foreach X in 2005{
graph bar data_type_*, stack over(post`X') over(aer) legend(lab(1 "text1") lab(2 "text2") lab(3 "text3") lab(4 "text4")) title("text") bgcolor(white) graphregion(color(white))
graph export ../output/econ_typeXjournalXpost`X'.eps, replace
}
label var top_rank "label"
histogram top_rank, title("text") bgcolor(white) graphregion(color(white)) note("text")
graph export ../output/histo_authrank.eps, replace
replace top_rank=.a if top_rank==125
gen top1=.
replace top1=1 if top_rank<=6
replace top1=0 if top_rank>6 & top_rank<.b
gen top10=.
replace top10=1 if (top_rank>1 & top_rank<=10)
replace top10=0 if top1==1 |(top_rank>10 & top_rank<.b)
gen top20=.
replace top20=1 if (top_rank>1 & top_rank<=20)
replace top20=0 if top1==1|top10==1|(top_rank>20 & top_rank<.b)
gen top50=.
replace top50=1 if (top_rank>20 & top_rank<=50)
replace top50=0 if top1==1|top10==1|top20==1|(top_rank>50 & top_rank<.b)
gen top100=.
replace top100=1 if (top_rank>50 & top_rank <=100)
replace top100=0 if top1==1|top10==1|top20==1|top50==1|(top_rank>100 & top_rank<.b)
gen unranked=.
replace unranked=1 if top_rank==.a
replace unranked=0 if top_rank<.
label var top1 "label"
label var top10 "label"
label var top20 "label"
label var top50 "label"
label var top100 "label"
foreach X in 2005{
graph bar top1 top10 top20 top50 top100 unranked, stack over(post`X') over(aer) legend(lab(1 "text1") lab(2 "text2") lab(3 "text3") lab(4 "text4") lab(5 "text5") lab(6 "text6")) title("text") bgcolor(white) graphregion(color(white))
graph export ../output/econ_rankXjournalXpost`X'.eps, replace
}
foreach data in yn data state_full state_part{
foreach time in "print_months_ago print_months_ago_sq print_months_ago_cu" "i.year" {
if "`time'"=="print_months_ago print_months_ago_sq print_months_ago_cu" local t="months"
if "`time'"=="i.year#econ" local t="FE"
foreach ln in "" ln wok lnwok {
regress `ln'citation avail_`data'
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	if "`t'"=="months" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label replace addtext(Months since Publication, None, Sample, All) addstat(Mean Dep. Var., `depvarmean')
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label replace addtext(Months since Publication, None, Sample, All) addstat(Mean Dep. Var., `depvarmean') nocons drop(print_months_ago_cu print_months_ago_sq) addnote("text")
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label replace addtext(Year-Discipline FE, No, Sample, All) addstat(Mean Dep. Var., `depvarmean')
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label replace addtext(Year-Discipline FE, No, Sample, All) addstat(Mean Dep. Var., `depvarmean') nocons addnote("text")
	}
regress `ln'citation avail_`data' aer `time'
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	if "`t'"=="months" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Months since Publication, Cubic, Sample, All)
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Months since Publication, Cubic, Sample, All) nocons drop(print_months_ago_cu print_months_ago_sq)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Year-Discipline FE, Yes, Sample, All)
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Year-Discipline FE, Yes, Sample, All) nocons
	}
regress `ln'citation avail_`data' aer `time' data_type_2 pp
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	if "`t'"=="months" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Months since Publication, Cubic, Sample, All)
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Months since Publication, Cubic, Sample, All) nocons keep(avail_`data' aer data_type_2 pp)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Year-Discipline FE, Yes, Sample, All)
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append title("text") addstat(Mean Dep. Var., `depvarmean') addtext(Year-Discipline FE, Yes, Sample, All) nocons keep(avail_`data' aer data_type_2 pp)
	}
regress `ln'citation avail_`data' aer `time' if data_type!="no_data" & pp!=1
	summ `ln'citation avail_`data'
	local depvarmean=r(mean)
	if "`t'"=="months" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append addtext(Months since Publication, Cubic, Sample, Data-NoPP) addstat(Mean Dep. Var., `depvarmean')
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append addtext(Months since Publication, Cubic, Sample, Data-NoPP) addstat(Mean Dep. Var., `depvarmean') nocons keep(avail_`data' aer data_type_2)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_naive`ln'_`data'_`t'.tex, dec(3) tex label append addtext(Year-Discipline FE, Yes, Sample, Data-NoPP) addstat(Mean Dep. Var., `depvarmean')
	outreg2 using ../output/econ_naive`ln'-simp_`data'_`t'.tex, dec(3) tex label append addtext(Year-Discipline FE, Yes, Sample, Data-NoPP) addstat(Mean Dep. Var., `depvarmean') nocons keep(avail_`data' aer data_type_2)
	}
ivreg2 `ln'citation aer post2005 `time' (avail_`data' = aerXpost2005), first savefirst robust
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	local F=e(widstat)
	if "`t'"=="months" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label replace ctitle("text") title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, All)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label replace ctitle("text") title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, All) drop(print_months_ago_cu print_months_ago_sq)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label replace title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, All) nocons keep(avail_`data' aerXpost2005)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label replace ctitle("text") title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, All)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label replace ctitle("text") title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, All)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label replace title("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, All) nocons keep(avail_`data' aerXpost2005)
	}
ivreg2 `ln'citation aer post2005 aerXdata post2005Xdata `time' data_type_2 (avail_`data' = aerXpost2005 aerXpost2005Xdata), first savefirst robust
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	local F=e(widstat)
	if "`t'"=="months" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, IV=Data-Only)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, IV=Data-Only) drop(print_months_ago_cu print_months_ago_sq)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, IV=Data-Only) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata)
	}
ivreg2 `ln'citation aer post2005 `time' (avail_`data' = aerXpost2005) if data_type!="no_data", first savefirst robust
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	local F=e(widstat)
	if "`t'"=="months" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, Data-NoPP) nocons
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, Data-NoPP) nocons drop(print_months_ago_cu print_months_ago_sq)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, IV=Data-NoPP) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, Data-NoPP) nocons
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, Data-NoPP) nocons
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, IV=Data-NoPP) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata)
	}
ivreg2 `ln'citation aer post2005 pp aerXdata post2005Xdata dataXnotpp aerXnotpp post2005Xnotpp aerXdataXnotpp post2005XdataXnotpp `time' data_type_2 (avail_`data' = aerXpost2005 aerXpost2005Xdata aerXpost2005Xnotpp aerXpost2005XdataXnotpp), first savefirst robust
	summ `ln'citation if e(sample)==1
	local depvarmean=r(mean)
	local F=e(widstat)
	if "`t'"=="months" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, IV=Data-Only)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Months since Publication, Cubic, Sample, IV=Data-Only) drop(print_months_ago_cu print_months_ago_sq)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Months since Publication, Cubic, Sample, IV=Data-Only) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata aerXpost2005Xnotpp aerXpost2005XdataXnotpp)
	}
	if "`t'"=="FE" {
	outreg2 using ../output/econ_ivreg`ln'_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only)
	outreg2 using ../output/econ_ivreg`ln'-simp_`data'.tex, dec(3) tex label append ctitle("text") addstat(Mean Dep. Var., `depvarmean', F Stat, `F') nocons addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only)
	est restore _ivreg2_avail_`data'
	outreg2 using ../output/econ_first2`ln'-simp_`data'_`t'.tex, dec(2) tex label append addstat(Mean Dep. Var., `depvarmean', F Stat, `F') addtext(Year-Discipline FE, Yes, Sample, IV=Data-Only) nocons keep(avail_`data' aerXpost2005 aerXpost2005Xdata aerXpost2005Xnotpp aerXpost2005XdataXnotpp)
	}
}
}
}
regress avail_yn aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu
	test aerXpost2005=0
	local F=r(F)
	outreg2 using ../output/econ_ivreg.tex, dec(3) tex label append ctitle("text") addstat(F Stat, `F' ) nocons addtext(Sample, All)
	outreg2 using ../output/econ_first.tex, dec(3) keep(aerXpost2005) tex label replace ctitle("text") addstat(F Stat, `F') nocons addtext(Sample, All)
regress avail_yn aerXpost2005Xdata aer post2005 post2005Xdata print_months_ago print_months_ago_sq print_months_ago_cu data_type_2
	test aerXpost2005=0
	local F=r(F)
	outreg2 using ../output/econ_ivreg.tex, dec(3) tex label append ctitle("text") addstat(F Stat, `F') nocons addtext(Sample, IV=Data-Only)
	outreg2 using ../output/econ_first.tex, dec(3) keep(aerXpost2005Xdata) tex label append ctitle("text") addstat(F Stat, `F') nocons addtext(Sample, IV=Data-Only)
regress avail_yn aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0
	test aerXpost2005=0
	local F=r(F)
	outreg2 using ../output/econ_ivreg.tex, dec(3) tex label append ctitle("text") addstat(F Stat, `F') nocons addtext(Sample, Data-Only)
	outreg2 using ../output/econ_first.tex, dec(3) keep(aerXpost2005) tex label append ctitle("text") addstat(F Stat, `F') nocons addtext(Sample, Data-Only)
predict avail_hat
regress citation avail_hat aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu year
regress topic_1 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_1 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label replace nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes title("text") addstat(Mean Dep. Var., `depvarmean')
regress topic_2 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_2 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress topic_3 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_3 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress topic_4 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_4 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress topic_5 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_5 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress topic_6 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ topic_6 if e(sample)==1
local depvarmean=r(mean)
outreg2 using ../output/econ_exclusion_topic.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress topic_7 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
regress data_type_1 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ data_type_1 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label replace nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes title("text") addstat(Mean Dep. Var., `depvarmean')
regress data_type_3 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ data_type_3 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress data_type_4 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ data_type_4 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress top1 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ top1 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress top10 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ top10 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress top20 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
summ top20 if e(sample)==1
local depvarmean=r(mean)
	outreg2 using ../output/econ_exclusion.tex, dec(3) tex label append nocons addtext(Sample, Data-NoPP) keep(aerXpost2005) nonotes addstat(Mean Dep. Var., `depvarmean')
regress top50 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
regress top100 aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
regress unranked aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
regress top_rank aerXpost2005 aer post2005 print_months_ago print_months_ago_sq print_months_ago_cu if data_type_2==0 & pp!=1
exit
