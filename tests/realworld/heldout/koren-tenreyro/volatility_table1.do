* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 27263492898 (a public GitHub .do file, the replication code of Table 1 of Koren and Tenreyro, "Technological Diversification", American Economic Review 2012: volatility and development by country-decade -- insheet of the World Development Indicators in wide form, reshape long y_, i(countrycode indicatorc) j(year) with an abbreviated i() variable, ren of an abbreviated name, a str15 category by series code, reshape wide var_, i() j(categ) string, foreach X of any with ren var_`X' of abbreviated names, egen group, tsset, log growth by L., collapse (mean) (count) (sd) by country and decade into a tempfile; the Penn World Table the same way, an old-syntax merge uncode decade using `wdi', nokeep; label var, keep if, tsset cc decade, reg ..., cluster() and areg ..., a(cc) cluster(cc) with outreg2 using ..., `format' replace|append; the index does not name the repository)
* author: Miklós Koren and Silvana Tenreyro (named in the file)
* licence: none stated
* data: ../data/wdi/wdioctober2010.csv = wdi_indicators_wide
* data: ../data/pwt/pwtcomplete.csv = pwt_country_years
clear
set mem 100m
set more off
label drop _all
local format "label bracket bdec(3)"
local sample "year>=1960 & year<=2007"
local whereto "table1.xls"
tempfile wdi
clear
insheet using ../data/wdi/wdioctober2010.csv
    reshape long y_, i(countrycode indicatorc) j(year)
    ren indicatorc seriescode
    keep if `sample'
    ren y_ var_
    gen str15 categ=""
    replace categ="inflation" if seriescode=="FP.CPI.TOTL.ZG"
    replace categ="exchangerate" if seriescode=="PA.NUS.FCRF"
    replace categ="reffeexchangerate" if seriescode=="PX.REX.REER"
    replace categ="tot" if seriescode=="TT.PRI.MRCH.XD.WD"
    replace categ="gdpwdippp" if seriescode=="NY.GDP.PCAP.PP.KD"
    replace categ="gdpwdi" if seriescode==   "NY.GDP.PCAP.KD"
    replace categ="popwdi" if seriescode==   "SP.POP.TOTL"
    replace categ="gshare" if seriescode=="NE.CON.GOVT.ZS"
    replace categ="privcred" if seriescode=="FS.AST.PRVT.GD.ZS"
    replace categ="trade" if seriescode=="NE.TRD.GNFS.ZS"
    drop series*
    drop indicator*
    drop if categ==""
    reshape wide var_, i(countrycode year) j(categ) string
    foreach X of any inflation  tot gdpwdippp gdpwdi popwdi gshare trade privcred ref exc {
	    ren var_`X' `X'
    }
    replace inflation=inflation/100
    replace trade=trade/100
    replace gshare=gshare/100
    ren countrycode uncode
    egen cc = group(uncode)
    tsset cc year
    foreach X of any tot gdpwdippp gdpwdi {
        gen `X'growth=log(`X')-log(L.`X')
    }
    foreach X of var gdpwdippp gdpwdi popwdi {
        gen log`X' = log(`X')
    }
    keep if `sample'
    gen byte decade = int((year-1900)/10)*10
    collapse (mean) loggdpwdi loggdpwdippp logpopwdi (count)numwdi=gdpwdigrowth  (sd) volwdippp=gdpwdipppgrowth volwdi=gdpwdigrowth, by(uncode decade)
save `wdi', replace
clear
insheet using ../data/pwt/pwtcomplete.csv
    ren countryisocode uncode
    egen cc = group(uncode)
    tsset cc year
    gen growth = log(rgdpch)-log(L.rgdpch)
    gen loggdppwt = log(rgdpch)
    gen logpoppwt = log(pop)
    keep if `sample'
    gen byte decade = int((year-1900)/10)*10
    collapse (mean) loggdppwt logpoppwt (count) numpwt=growth (sd) volpwt=growth, by(uncode decade)
    sort uncode decade
    merge uncode decade using `wdi', nokeep
    tab _merge
    drop _merge
    gen logvolpwt = log(volpwt)
    gen logvolwdi = log(volwdi)
    gen logvolwdippp = log(volwdippp)
    label var logvolpwt "Label one"
    label var loggdppwt "Label two"
    label var logvolwdi "Label three"
    label var logvolwdippp "Label four"
    label var loggdpwdi "Label five"
    label var loggdpwdippp "Label six"
    label var logpopwdi "Label seven"
    label var logpoppwt "Label eight"
    keep if numwdi>=5
egen cc = group(uncode)
tsset cc decade
reg logvolpwt loggdppwt, cluster(cc)
outreg2 using `whereto', `format' replace
areg logvolpwt loggdppwt, a(cc) cluster(cc) 
outreg2 using `whereto', `format' append
reg logvolwdi loggdpwdi, cluster(cc)
outreg2 using `whereto', `format' append
areg logvolwdi loggdpwdi, a(cc) cluster(cc)
outreg2 using `whereto', `format' append
