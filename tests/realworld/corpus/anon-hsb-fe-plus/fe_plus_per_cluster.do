* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 44404712023 (a public GitHub .do file; the index does not name the repository)
* author: unknown
* licence: none stated
* data: http://www.stata-press.com/data/mlmus3/hsb = hsb_mlmus
use http://www.stata-press.com/data/mlmus3/hsb, clear
keep schoolid mathach sector ses
describe
xtset schoolid
generate sesXsector = ses*sector
mixed mathach ses sector sesXsector || schoolid: ses, covariance(unstructured) reml
xtreg mathach ses sesXsector, fe
generate ynew = mathach - _b[ses]*ses - _b[sesXsector]*sesXsector
regress ynew sector, vce(cluster schoolid)
statsby a1=_b[_cons] a2=_b[ses] , by(schoolid) saving(sb_hsb, replace): regress mathach ses
sort schoolid
merge m:1 schoolid using sb_hsb
egen pickone = tag(schoolid)
regress a1 sector if pickone==1, vce(robust)
regress a2 sector if pickone==1, vce(robust)
