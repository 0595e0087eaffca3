* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37333334488 (a public GitHub .do file listing the models of an international-political-economy study of IMF programmes, a country-year panel run on data already in memory and already xtset (the file loads none and sets none): random-effects xtlogit of new IMF agreements on debt, US imports, UN voting affinity, ODA, reserves, inflation, government orientation, bureaucratic quality, regime, growth, previous programmes, year dummies y90-y00 (a varlist range), duration and its splines, if elig2==1&lnimfquot>0; panel-corrected xtpcse ..., hetonly of the size of the programme if newagr==1; xtlogit of programmes staying active with inverse Mills ratios from a selection stage, if agr==1; the table headings between the blocks, prose Stata would reject, left out; the index does not name the repository)
* author: unknown
* licence: none stated
* preload: imf_programmes_cy
xtlogit newagr lntotdbt lnintgnp rsvsimqt1a lninflt3 govorient burqual regime  gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3  if elig2==1&lnimfquot>0
xtlogit newagr lntotimpt1 rsvsimqt1a lnintgnp  burqual regime govorient lninflt3 gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3  if elig2==1&lnimfquot>0
xtlogit newagr burqual rsvsimqt1a lnintgnp bigdesp lntotdbt regime govorient lninflt3 gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3 if elig2==1&lnimfquot>0
xtlogit newagr lnintgnp bigrsvsa lntotdb burqual rsvsimqt1a regime govorient lninflt3 gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3 if elig2==1&lnimfquot>0
xtlogit newagr lnusimpt1 unvot1 lnintgnp rsvsimqt1a lninflt3  govorient burqual regime gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3  if elig2==1&lnimfquot>0
xtlogit newagr unvot1 unvot12imp unvot12mis lnodaust1 rsvsimqt1a lnintgnp burqual regime govorient lninflt3 gdppct1 prevprogtyt1 y90-y00 nagdur agspline1 agspline2 agspline3  if elig2==1&lnimfquot>0
xtpcse bcpromquot lntotdbt lnintgnp  rsvsimqt1a lninflt1 regime govorient burqual gdppct1 prevprogtyt1 y90-y00 if newagr==1, hetonly
xtpcse bcpromquot lntotdbt bigdesp lnintgnp  rsvsimqt1a lninflt1 regime govorient burqual gdppct1 prevprogtyt1 y90-y00 if newagr==1, hetonly
xtpcse bcpromquot lnusimpt1 lnodaus unvot1 lnintgnp  rsvsimqt1a lninflt1 regime govorient burqual gdppct1 prevprogtyt1 y90-y00 if newagr==1, hetonly
xtlogit active lntotdbt unvot1 lnintgnp rsvsimqt1a lninflt1 lninflchg12 regime govorient burqual gdppct1 mills13u y90-y00 faildur failspline1 failspline2 failspline3 if agr==1
xtlogit active rsvsimqt1a lnintgnp bigdesp lntotdbt   lninflt1 lninflchg12 burqual  regime govorient gdppct1 mills13b y90-y00  faildur failspline1 failspline2 failspline3 if agr==1
xtlogit active lnusimpt1  lnodaus lninflt1 lninflchg12  rsvsimqt1a  lnintgnp regime burqual govorient gdppct1 mills13w y90-y00  faildur failspline1 failspline2 failspline3 if agr==1
