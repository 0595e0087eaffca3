* firstlook.do -- a short do-file the help pages for do, run and include use.
* Arguments: `1' is the variable to summarize (default mathach).
local v = cond("`1'" == "", "mathach", "`1'")
use samples/data/hsb.dta, clear
summarize `v'
