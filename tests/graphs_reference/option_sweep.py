"""Sweep of the graph options Stata's manuals list ([G-2] graph twoway, histogram, kdensity,
graph bar/box/dot/combine, graph pie, graph matrix, [R] marginsplot; [G-3] the option pages): each
option is typed on a small graph
and classed by what mlm does with it.

    PYTHONPATH=$PWD python3 tests/graphs_reference/option_sweep.py [--all] [command ...]

Classes: ``drawn`` (accepted and the picture changes), ``same`` (accepted, the picture is
byte for byte the baseline's: the option is a default here, or it is read and ignored),
``refused`` (``not supported by mlmcli``), ``not-allowed`` (mlm says Stata has no such
option: wrong for every row below), ``error`` (another return code).  Only the rows not
``drawn`` are printed unless ``--all``.  Not a test: a tool to find what to mend; the
option lists are typed from the manuals' syntax tables (Stata 13, with the Stata 15+
additions do-files meet: ``lalign()``, ``mlalign()``).
"""
from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphs_helpers import make_session, run  # noqa: E402

TWOWAY_OPTIONS = [
    # [G-3] title_options, textbox_options
    'title("T")', 'subtitle("S")', 'note("N")', 'caption("C")', 'l1title("L")', 'l2title("L")',
    'r1title("R")', 'r2title("R")', 't1title("T")', 't2title("T")', 'b1title("B")', 'b2title("B")',
    'title("T", prefix)', 'title("T", suffix)', 'title("T", position(11))', 'title("T", ring(0))',
    'title("T", span)', 'title("T", tstyle(heading))', 'title("T", orientation(vertical))',
    'title("T", size(large))', 'title("T", color(red))', 'title("T", justification(left))',
    'title("T", alignment(top))', 'title("T", margin(large))', 'title("T", linegap(5))',
    'title("T", width(40))', 'title("T", height(10))', 'title("T", box)', 'title("T", box bcolor(yellow))',
    'title("T", box fcolor(yellow))', 'title("T", box lstyle(foreground))', 'title("T", box lcolor(red))',
    'title("T", box lwidth(thick))', 'title("T", box lpattern(dash))', 'title("T", box bmargin(large))',
    'title("T", box bexpand)', 'title("T", placement(west))', 'title("T", style(heading))',
    'xtitle("X", size(large))', 'ytitle("Y", orientation(horizontal))',
    'xtitle("X", position(12))', 'xtitle("X", ring(5))', 'xtitle("X", span)', 'xtitle("X", box width(40))',
    'ytitle("Y", box height(10))', 'xtitle("X", box bexpand)', 'ylabel(1 2, axis(3))', 'xlabel(0 5, axis(2))',
    'xline(5, axis(2))',
    # [G-3] axis_options
    'ylabel(#10)', 'xlabel(0(2)10)', 'ylabel(, valuelabel)', 'ylabel(, format(%9.2f))',
    'ylabel(, angle(0))', 'ylabel(, labsize(large))', 'ylabel(, labcolor(red))', 'ylabel(, labgap(5))',
    'ylabel(, labstyle(small_label))', 'ylabel(, tlength(5))', 'ylabel(, tlwidth(thick))',
    'ylabel(, tlcolor(red))', 'ylabel(, tposition(inside))', 'ylabel(, tstyle(major))', 'ylabel(, noticks)',
    'ylabel(, nolabels)', 'ylabel(, nogrid)', 'xlabel(, grid)', 'ylabel(, glwidth(thick))',
    'ylabel(, glcolor(red))', 'ylabel(, glpattern(dash))', 'ylabel(, glstyle(major))', 'ylabel(, gmin)',
    'ylabel(, gmax)', 'ylabel(, gextend)', 'ylabel(, alternate)', 'ylabel(2 "two", add)',
    'ylabel(2 "two", add custom labcolor(red))', 'ylabel(, norescale)', 'ymlabel(##2)', 'ytick(1(1)5)',
    'ymtick(##4)', 'xtick(1(1)9)', 'xmtick(##2)', 'xmlabel(##2)',
    'yscale(log)', 'yscale(range(-5 15))', 'yscale(reverse)', 'yscale(off)', 'yscale(noline)',
    'yscale(lstyle(none))', 'yscale(lcolor(red))', 'yscale(lwidth(thick))', 'yscale(lpattern(dash))',
    'yscale(titlegap(5))', 'yscale(outergap(10))', 'yscale(alt)', 'xscale(noextend)', 'yscale(fill off)',
    'xline(5)', 'yline(3, lcolor(red) lwidth(thick) lpattern(dash))', 'xline(5, lstyle(foreground))',
    'xline(5, noextend)', 'yline(3, axis(1))', 'xline(5, style(extended))',
    # [G-3] added_text_options
    'text(3 5 "hi")', 'text(3 5 "hi", placement(ne) size(large) color(red))',
    'text(3 5 "hi", box width(20) height(10))', 'text(3 5 "hi", orientation(vertical))',
    'text(3 5 "hi", box bexpand)', 'text(3 5 "hi", yaxis(3))',
    # [G-3] region_options
    'graphregion(color(white))', 'graphregion(fcolor(yellow))', 'graphregion(lcolor(red))',
    'graphregion(lwidth(thick))', 'graphregion(lpattern(dash))', 'graphregion(lstyle(foreground))',
    'graphregion(style(none))', 'graphregion(margin(large))', 'graphregion(istyle(none))',
    'graphregion(icolor(yellow))', 'graphregion(ifcolor(yellow))', 'graphregion(ilcolor(red))',
    'graphregion(ilwidth(thick))', 'graphregion(ilpattern(dash))', 'graphregion(ilstyle(foreground))',
    'graphregion(imargin(large))', 'graphregion(lalign(outside))', 'graphregion(ilalign(inside))',
    'plotregion(color(yellow))', 'plotregion(margin(zero))', 'plotregion(lcolor(red))',
    'plotregion(imargin(large))', 'plotregion(style(none))', 'plotregion(ilcolor(red))',
    'ysize(3)', 'xsize(8)', 'aspectratio(1)', 'aspectratio(1, placement(left))', 'scale(1.5)',
    'scheme(s1mono)', 'name(g1, replace)', 'nodraw', 'play(rec)', 'pcycle(2)', 'fxsize(50)', 'fysize(50)',
    'xvarformat(%9.2f)', 'yvarformat(%9.2f)', 'yvarlabel("Why")', 'xvarlabel("Ex")',
    'by(g)', 'by(g, total)', 'by(g, cols(1))', 'by(g, rows(1))', 'by(g, note(""))', 'by(g, title("T"))',
    'by(g, compact)', 'by(g, style(compact))', 'by(g, imargin(large))', 'by(g, iscale(*.5))',
    'by(g, ixaxes)', 'by(g, iyaxes)', 'by(g, ixtitle)', 'by(g, iytitle)', 'by(g, noedgelabel)',
    'by(g, holes(1))', 'by(g, colfirst)', 'by(g, rescale)', 'by(g, yrescale)', 'by(g, xrescale)',
    'by(g, legend(off))', 'by(g, graphregion(color(white)))', 'by(g, plotregion(color(yellow)))',
    'by(g, subtitle("S"))', 'by(g, caption("C"))', 'by(g, b1title("B"))', 'by(g, l1title("L"))',
    'by(g, missing)', 'by(g, noixtick)', 'by(g, noiytick)', 'by(g, ixlabel)', 'by(g, iylabel)',
    'by(g, ixticks)', 'by(g, iyticks)', 'by(g, style(stata7))',
    # [G-3] marker_options, marker_label_options
    'msymbol(D)', 'mcolor(red)', 'msize(large)', 'msangle(45)', 'mfcolor(yellow)', 'mlcolor(red)',
    'mlwidth(thick)', 'mlstyle(p2)', 'mstyle(p2)', 'mlalign(outside)', 'mlabel(g)',
    'mlabel(g) mlabposition(9)', 'mlabel(g) mlabvposition(g)', 'mlabel(g) mlabgap(5)',
    'mlabel(g) mlabangle(45)', 'mlabel(g) mlabsize(large)', 'mlabel(g) mlabcolor(red)',
    'mlabel(g) mlabstyle(p2)', 'mlabel(g) mlabtextstyle(heading)', 'mlabel(g) mlabformat(%9.1f)',
    'pstyle(p2)', 'pstyle(ci)', 'pstyle(p2line)', 'mstyle(p2box)', 'jitter(5)', 'jitter(5) jitterseed(2)',
    'connect(l)', 'connect(l) sort', 'connect(l) cmissing(n)', 'connect(l) lcolor(red)',
    'connect(l) lwidth(thick)', 'connect(l) lpattern(dash)', 'connect(l) lstyle(p2)',
    'connect(l) lstyle(refline)', 'connect(l) lalign(outside)', 'color(red)', 'yaxis(2)', 'yaxis(1 2)',
    'yaxis(3)', 'xaxis(2)', 'recast(line)', 'xtick(#20)', 'pstyle(ci2)', 'lstyle(foreground)',
    # [G-3] connect_options, marker_options, region_options: the forms do-files type
    'connect(stairstep)', 'connect(stepstair)', 'connect(L)', 'connect(J)', 'connect(direct)',
    'msymbol(none)', 'msymbol(i)', 'msymbol(Oh)', 'msymbol(p)', 'msymbol(smcircle_hollow)',
    'connect(l) lpattern("-..")', 'connect(l) lpattern("_.")', 'connect(l) lpattern(longdash_dot)',
    'plotregion(margin(l=10))', 'plotregion(margin(2 2 2 2))', 'graphregion(margin(l=20))',
    'aspectratio(0.5)', 'xsize(4) ysize(4)', 'mlabel(g) mlabposition(0)', 'mlabel(g) mlabangle(vertical)',
    'mlabel(g) mlabsize(vsmall)', 'mlabel(g) mlabcolor(none)', 'mlabel(g) mlabel(h)',
    # forms public do-files type (abbreviations, Stata 15 opacity, minmax/none labels, schemes)
    'mcolor(%50)', 'mcolor(red%50)', 'mfcolor(none)', 'msize(vsmall)', 'msize(*2)', 'ms(Th)', 'mc(gs8)',
    'xlabel(, labsize(small) angle(45))', 'xlabel(#5, nogrid)', 'yscale(range(0 .))',
    'xscale(titlegap(*2))', 'ylabel(minmax)', 'xlabel(none)', 'ytitle("")', 'xtitle("")',
    'legend(pos(6) ring(1) rows(1))', 'text(3 5 "hi", size(vsmall) place(e))',
    'yline(0, lp(dash) lc(gs10))', 'xline(5, lw(vthin))', 'note("", size(small))',
    'graphregion(fcolor(white) lcolor(white))', 'bgcolor(white)',
    'xlabel(0 "zero" 5 "five")', 'ylabel(, format(%3.0f))', 'scheme(s2mono)', 'scheme(s1color)',
    'scheme(s1rcolor)', 'scheme(sj)', 'scheme(economist)', 'ylabel(, nogrid) xlabel(, grid)',
    'ysc(r(-5 15))', 'xsc(log)', 'ylab(, ang(h))', 'xlab(, val)', 'ti("T", size(medium))',
    'scheme(s2gcolor)', 'scheme(s2gmanual)', 'ylabel(-2(2)6, nogmin)', 'ylabel(-4(2)8, gmin gmax)',
]

# [G-3] legend_options (on two plots: one plot has no legend)
LEGEND_OPTIONS = [
    'legend(off)', 'legend(order(1))', 'legend(label(1 "A"))', 'legend(rows(2))', 'legend(cols(1))',
    'legend(colfirst)', 'legend(holes(1))', 'legend(textfirst)', 'legend(stack)', 'legend(rowgap(5))',
    'legend(colgap(5))', 'legend(keygap(5))', 'legend(symxsize(20))', 'legend(symysize(10))',
    'legend(symplacement(left))', 'legend(textwidth(30))', 'legend(forcesize)', 'legend(bexpand)',
    'legend(size(large))', 'legend(color(red))', 'legend(region(fcolor(yellow)))',
    'legend(region(lcolor(red)))', 'legend(region(margin(large)))', 'legend(position(3))',
    'legend(ring(0))', 'legend(bplacement(ne))', 'legend(span)', 'legend(margin(large))',
    'legend(bmargin(large))', 'legend(title("L"))', 'legend(subtitle("L"))', 'legend(note("L"))',
    'legend(caption("L"))', 'legend(style(zyx2))', 'legend(keystyle(default))', 'legend(justification(left))',
    'legend(nobox)', 'legend(all)', 'legend(at(1))', 'legend(textwidth(30) forcesize)',
    'legend(region(lwidth(thick)))', 'legend(region(lpattern(dash)))',
    'legend(region(lwidth(thick) lalign(outside)))', 'legend(region(lwidth(thick) ilalign(inside)))',
    'legend(style(zyx2))', 'legend(style(zyx2) rows(1))',
]

# connect() and cmissing() on a line with gaps (y missing in every seventh row)
GAP_OPTIONS = ['cmissing(n)', 'cmissing(y)', 'connect(L)', 'connect(stairstep)', 'connect(stepstair)',
               'connect(J) cmissing(n)']

LINE_OPTIONS = ['lcolor(red)', 'lwidth(thick)', 'lpattern(dash)', 'lstyle(p2)', 'lstyle(ci)',
                'lstyle(refline)', 'lstyle(grid)', 'lstyle(foreground)', 'lstyle(none)', 'lstyle(p2solid)',
                'lalign(outside)', 'pstyle(p3)', 'pstyle(ci)', 'connect(J)', 'sort', 'cmissing(n)']
AREA_OPTIONS = ['color(red)', 'fcolor(yellow)', 'fintensity(50)', 'lcolor(red)', 'lwidth(thick)',
                'lpattern(dash)', 'lstyle(p2)', 'lalign(outside)', 'astyle(ci)', 'bstyle(histogram)',
                'pstyle(ci)', 'astyle(p2area)', 'bstyle(p2bar)', 'base(1)', 'horizontal', 'sort', 'cmissing(n)']
FIT_OPTIONS = ['range(0 20)', 'n(5)', 'atobs', 'estopts(noconstant)', 'predopts(xb)', 'estcmd(regress)',
               'lcolor(red)', 'lstyle(ci)', 'pstyle(p3)']
FITCI_OPTIONS = ['stdp', 'stdf', 'stdr', 'level(90)', 'nofit', 'fitplot(connected)', 'ciplot(rline)', 'ciplot(rbarm)',
                 'acolor(yellow)', 'alcolor(red)', 'alwidth(thick)', 'astyle(ci2)', 'clcolor(red)',
                 'clwidth(thick)', 'clpattern(dash)', 'clstyle(p3)', 'estopts(noconstant)',
                 'predopts(xb)', 'estcmd(regress)', 'fcolor(yellow)', 'lcolor(red)']

# estopts()/predopts() of the regress fits (regress's options, predict's statistics)
FIT_MODEL_OPTIONS = ['estopts(vce(robust))', 'estopts(vce(cluster g))', 'estopts(vce(hc2))', 'estopts(vce(hc3))',
                     'estopts(vce(jackknife))', 'estopts(vce(bootstrap, reps(10) seed(1)))', 'estopts(hascons)',
                     'predopts(stdp)', 'predopts(stdf)', 'predopts(stdr)', 'predopts(hat)', 'predopts(residuals)',
                     'predopts(rstandard)', 'predopts(rstudent)', 'predopts(cooksd)', 'predopts(dfits)',
                     'predopts(welsch)', 'predopts(covratio)', 'predopts(dfbeta(x))', 'predopts(score)',
                     'predopts(pr(0,3))', 'predopts(e(g,.))', 'predopts(ystar(0,1+2))', 'atobs predopts(cooksd)',
                     'estopts(vce(jackknife, cluster(g) idcluster(k)))',
                     # [R] jackknife's prefix options inside vce(jackknife, ...) (keep last: it adds variables)
                     'estopts(vce(jackknife, mse))', 'estopts(vce(jackknife, reject(_b[x] > .6)))',
                     'estopts(vce(jackknife, n(e(N))))', 'estopts(vce(jackknife, n(5)))',
                     'estopts(vce(jackknife, nodots dots(5) title(t) notable noheader nolegend verbose))',
                     'estopts(vce(jackknife, force nodrop nomse eclass double level(90)))',
                     'estopts(vce(jackknife, rclass))', 'estopts(vce(jackknife, strata(g)))',
                     'estopts(vce(jackknife, noisily))',
                     # bootstrap.ado's options inside vce(bootstrap, ...) (graphs.fpfit_bootstrap)
                     'estopts(vce(bootstrap, reps(5) seed(1) strata(g) mse))',
                     'estopts(cluster(g) vce(bootstrap, reps(5) seed(1)))',
                     'estopts(vce(bootstrap, reps(5) seed(1) size(20) bca ties nowarn level(90) notable))',
                     'estopts(vce(bootstrap, reps(5) seed(1) reject(_b[x] > .6)))',
                     'estopts(vce(bootstrap, reps(5) noisily))',
                     'estopts(vce(jackknife, keep))']
# fpfit's: fracpoly's and regress's estopts(), fracpred's predopts()
FP_OPTIONS = ['estopts(noconstant)', 'estopts(degree(1))', 'estopts(degree(3))', 'estopts(powers(-1 0 1))',
              'estopts(center(2))', 'estopts(all)', 'estopts(log)', 'estopts(compare)', 'estopts(vce(robust))',
              'estopts(vce(hc3))', 'estopts(vce(jackknife))', 'estopts(vce(bootstrap, reps(10) seed(1)))',
              'estopts(vce(jackknife, mse))', 'estopts(vce(jackknife, keep))', 'estopts(vce(jackknife, n(5)))',
              'estopts(vce(bootstrap, reps(5) seed(1) strata(g) size(10) mse))',
              'estopts(cluster(g) vce(bootstrap, reps(5) seed(1)))',
              'estcmd(logit) estopts(vce(bootstrap, reps(5) seed(1) strata(g) bca))',
              'predopts(stdp)', 'predopts(for(z))', 'predopts(all)', 'predopts(dresid)', 'estcmd(regress)',
              'level(90)', 'nofit', 'ciplot(rline)', 'fitplot(connected)', 'clcolor(red)', 'acolor(yellow)',
              'estopts(noscaling)', 'estcmd(poisson)', 'estcmd(probit)', 'estcmd(nbreg)',
              'estcmd(ologit)', 'estcmd(glm)', 'estcmd(glm) estopts(family(poisson))',
              # the ML commands' own estopts() and glm's families (fpfit_ml_options)
              'estcmd(glm) estopts(offset(x))', 'estcmd(poisson) estopts(exposure(z) iterate(50) nonrtolerance)',
              'estcmd(logit) predopts(dresid)', 'estcmd(probit) estopts(vce(opg))',
              'estcmd(logit) estopts(technique(bhhh) trace difficult asis)', 'estcmd(nbreg) estopts(dispersion(constant))',
              'estcmd(glm) estopts(family(gamma) link(log))', 'estcmd(glm) estopts(family(igaussian) link(log))',
              'estcmd(glm) estopts(family(nbinomial ml))', 'estcmd(glm) estopts(family(binomial 20))',
              'estcmd(glm) estopts(scale(x2) vfactor(2))', 'estcmd(glm) estopts(link(power 0.5))']

# the other twoway types and graph commands: the options their manual pages list
LOWESS_OPTIONS = ['bwidth(.5)', 'mean', 'noweight', 'logit', 'adjust', 'lcolor(red)', 'lpattern(dash)']
LPOLY_OPTIONS = ['kernel(gaussian)', 'bwidth(2)', 'degree(1)', 'n(20)', 'level(90)', 'pwidth(3)', 'var(1)',
                 'nofit', 'ciplot(rline)', 'fitplot(connected)', 'clcolor(red)', 'fcolor(yellow)', 'smoothplot(line)']
FUNCTION_OPTIONS = ['range(0 20)', 'n(20)', 'dropline(5)', 'base(1)', 'horizontal', 'lcolor(red)',
                    'yvarformat(%9.2f)', 'recast(area)']
RANGE_OPTIONS = ['lcolor(red)', 'lwidth(thick)', 'horizontal', 'msize(large)', 'color(red)', 'barwidth(.5)',
                 'sort', 'pstyle(p2)']
QNORM_OPTIONS = ['grid', 'rlopts(lcolor(red))', 'msymbol(D)', 'mcolor(red)', 'title("Q")']
MBAND_OPTIONS = ['bands(5)', 'n(20)', 'lcolor(red)']
DOTPLOT_OPTIONS = ['ndots(20)', 'dcolor(red)', 'dsymbol(D)', 'horizontal', 'base(0)', 'dotextend(no)',
                   'dsize(large)', 'dfcolor(yellow)', 'dlcolor(red)']
SPIKE_OPTIONS = ['base(1)', 'horizontal', 'lcolor(red)', 'msymbol(D)', 'vertical']

HISTOGRAM_OPTIONS = ['bin(5)', 'width(2)', 'start(-5)', 'discrete', 'density', 'fraction', 'frequency',
                     'percent', 'addlabels', 'addlabopts(mlabsize(large))', 'addlabopts(mlabcolor(red))',
                     'normal', 'normopts(lcolor(red))', 'kdensity', 'kdenopts(lcolor(red))',
                     'kdenopts(kernel(gaussian))', 'kdenopts(bwidth(2))', 'horizontal', 'gap(20)',
                     'by(g)', 'color(red)', 'fcolor(yellow)', 'lcolor(red)', 'lwidth(thick)',
                     'lalign(inside)', 'bstyle(p2bar)', 'pstyle(p2)', 'fintensity(50)',
                     'title("H")', 'ylabel(, angle(0))', 'xlabel(#5)', 'legend(on)']
KDENSITY_OPTIONS = ['kernel(gaussian)', 'bwidth(2)', 'n(20)', 'normal', 'normopts(lcolor(red))',
                    'student(5)', 'stopts(lcolor(red))', 'lineopts(lcolor(red))', 'lcolor(red)',
                    'lwidth(thick)', 'lpattern(dash)', 'lstyle(p2)', 'pstyle(p2)', 'title("K")',
                    'recast(area)', 'horizontal', 'student(5) stopts(lcolor(red))']
BAR_OPTIONS = ['over(g)', 'over(g, sort(1))', 'over(g, descending)', 'over(g, relabel(1 "A"))',
               'over(g, label(angle(45)))', 'over(g, axis(noline))', 'over(g, gap(50))', 'over(g, total)',
               'over(g) over(h)', 'over(g) over(h) nofill', 'over(g) missing', 'over(g) allcategories',
               'over(g) asyvars', 'over(g) percentages', 'stack', 'cw', 'over(g) nolabel', 'over(g) yalternate',
               'over(g) xalternate', 'exclude0', 'yreverse', 'blabel(bar)', 'blabel(bar, format(%9.1f))',
               'blabel(bar, position(inside))', 'blabel(bar, size(large) color(red))', 'bar(1, color(red))',
               'bar(1, fcolor(yellow) lcolor(red) lwidth(thick))', 'bar(1, bstyle(p2bar))',
               'bar(1, lalign(inside))', 'intensity(50)', 'lintensity(50)', 'bargap(20)', 'outergap(50)',
               'showyvars', 'yvaroptions(relabel(1 "A"))', 'ascategory', 'legend(off)', 'title("B")',
               'ylabel(, angle(0))', 'ytitle("Y")', 'over(g) ascategory', 'over(h) showyvars', 'yscale(range(0 20))', 'yline(3)', 'text(3 50 "hi")',
               'graphregion(color(white))', 'plotregion(color(yellow))', 'by(h)', 'scheme(s1mono)',
               'linegap(20)', 'b1title("B")', 'l1title("L")', 'legend(rows(1))',
               'bar(1, pstyle(p3bar))', 'yvaroptions(total)', 'yvaroptions(axis(noline)) showyvars',
               'over(g) over(h) ascategory']
DOT_OPTIONS = ['over(g)', 'over(g) marker(1, msymbol(D) mcolor(red))', 'over(g) linetype(line)',
               'over(g) linetype(rectangle)', 'over(g) lines(lcolor(red))',
               'over(g) linetype(rectangle) rectangles(fcolor(yellow))', 'over(g) rwidth(3)',
               'over(g) ndots(20)', 'over(g) dots(msize(large))', 'over(g) linegap(20)',
               'over(g) exclude0', 'over(g) outergap(50)', 'over(g) over(h) nofill', 'over(g) ascategory',
               'over(g) yalternate', 'over(g) legend(off)', 'over(g) title("D")', 'over(g) intensity(50)',
               'over(g) marker(1, mstyle(p2dot))', 'over(g) linetype(rectangle) rwidth(3)',
               'over(g) linetype(rectangle) rectangles(lcolor(red) lalign(outside))', 'over(g) yvaroptions(total)',
               'over(g) over(h) ascategory', 'over(g) extendline', 'over(g) noextendline',
               'over(g) lowextension(2) highextension(2)',
               # [G-2] graph dot's over_subopts (gr100)
               'over(g, gap(50))', 'over(g, gap(*2))', 'over(g) over(h, gap(300))', 'over(g, sort(1))',
               'over(g, sort(x))', 'over(g, sort((max) x))', 'over(g, descending)', 'over(g, reverse)',
               'over(g, relabel(1 "A"))', 'over(g, label(angle(45) labsize(large)))', 'over(g, axis(noline))',
               'over(g, total)', 'over(g, gap(g))']
BOX_OPTIONS = ['over(g)', 'over(g, total)', 'over(g) nooutsides', 'over(g) medtype(cline)',
               'over(g) medtype(marker)', 'over(g) medtype(cline) medline(lcolor(red))',
               'over(g) medtype(marker) medmarker(msymbol(D))', 'over(g) cwhiskers',
               'over(g) cwhiskers lines(lcolor(red))', 'over(g) alsize(50)', 'over(g) capsize(5)',
               'over(g) box(1, color(red))', 'over(g) box(1, bstyle(p2box))', 'over(g) marker(1, msymbol(D))',
               'over(g) intensity(50)', 'over(g) lintensity(50)', 'over(g) boxgap(50)', 'over(g) outergap(50)',
               'over(g) asyvars', 'over(g) over(h) nofill', 'over(g) legend(off)', 'over(g) title("B")',
               'over(g) yalternate', 'over(g) ylabel(, angle(0))', 'over(g) by(h)', 'over(g) exclude0',
               'over(g) intensity(*.5)', 'ascategory', 'over(g) showyvars', 'yvaroptions(total)',
               'over(g) over(h) over(w)', 'over(g, gap(*2))', 'over(g, sort(x))']
COMBINE_OPTIONS = ['rows(1)', 'cols(1)', 'colfirst', 'holes(1)', 'iscale(*.5)', 'altshrink',
                   'imargin(large)', 'ycommon', 'xcommon', 'commonscheme', 'scheme(s1mono)', 'nocopies',
                   'title("C")', 'subtitle("S")', 'note("N")', 'caption("C")', 'graphregion(color(white))',
                   'plotregion(color(yellow))', 'xsize(8)', 'ysize(3)', 'fxsize(50)', 'fysize(50)',
                   'name(cc, replace)', 'nodraw', 'b1title("B")', 'l1title("L")', 'play(rec)']
PIE_OPTIONS = ['missing', 'allcategories', 'over(g, allcategories)', 'cw', 'noclockwise', 'angle0(0)', 'sort',
               'sort(x)', 'descending', 'pie(1, explode)', 'pie(1, explode(5))', 'pie(2, explode(medium))',
               'pie(_all, color(red))', 'pie(1 3, explode)', 'plabel(_all percent)',
               'plabel(1 name, gap(5) size(large) color(white))', 'plabel(_all sum, format(%4.1f))',
               'plabel(2 "two")', 'ptext(90 20 "T")', 'ptext(0 30 "T", size(large) color(red) placement(e))',
               'intensity(50)', 'intensity(*.5)', 'line(lcolor(red))', 'line(lwidth(thick))', 'pcycle(2)',
               'legend(off)', 'legend(cols(1))', 'title("P")', 'by(h)', 'by(h, total)', 'by(h, cols(1))',
               'by(h, legend(off))', 'by(h, title("B"))', 'by(h, note(""))', 'by(h, compact)',
               'by(h, holes(1))', 'over(g)', 'angle0(90)', 'plabel(1 name)', 'pie(1, color(red))',
               'ptext(0 0 "x")']
MATRIX_OPTIONS = ['half', 'msymbol(Oh)', 'mcolor(red)', 'msize(small)', 'mlabel(g)', 'jitter(5)',
                  'jitter(5) jitterseed(2)', 'diagonal("a" "b")', 'diagonal(. "b", size(large))',
                  'diagopts(color(red))', 'scale(1.5)', 'iscale(*.5)', 'maxes(ylabel(#3))',
                  'maxes(xlabel(, grid))', 'maxes(xscale(reverse))', 'xlabel(0 5 10)', 'xlabel(0 5, axis(2))',
                  'ylabel(, angle(0) axis(1))', 'xscale(range(-10 10))', 'yscale(range(-10 10) axis(2))',
                  'xtick(1 2 3)', 'ymtick(##2)', 'xmlabel(1 3, axis(2))', 'by(h)', 'by(h, total)',
                  'by(h, rescale)', 'by(h, cols(1))', 'title("M")', 'note("N")', 'connect(l)', 'lcolor(red)',
                  'legend(off)', 'xtitle("X")', 'xtitle("X", axis(1))', 'yline(2, axis(2))',
                  'diagopts(box fcolor(yellow))', 'diagonal(, orientation(vertical))',
                  'diagopts(placement(ne))', 'maxes(ylabel(none))', 'diagonal("A" "B" "C")', 'msymbol(p)',
                  'scale(1.2)', 'jitter(2)', 'xlabel(#3)', 'ylabel(#3, angle(0))', 'diagopts(size(large))']

CONTOUR_OPTIONS = ['ccuts(-2 0 2)', 'levels(3)', 'minmax', 'crule(chue)', 'crule(intensity)', 'crule(linear)',
                   'scolor(green)', 'ecolor(navy)', 'ccolors(red green blue navy yellow)', 'heatmap',
                   'interp(shepard)', 'zlabel(#3)', 'zlabel(-2 "a" 2 "b")', 'zlabel(, format(%4.1f))',
                   'zlabel(minmax)', 'zlabel(none)', 'ztitle("Z")', 'ztick(-1 1)', 'clegend(off)',
                   'clegend(width(*1.5))', 'clegend(height(40))', 'clegend(altaxis)', 'clegend(title("K"))',
                   'clegend(position(9))', 'zscale(reverse)', 'zmlabel(#2)', 'zmtick(#2)',
                   'ztitle("Z", box fcolor(yellow))', 'ztitle("Z", position(12))',
                   'ztitle("Z", justification(left))', 'ztitle("Z", margin(l=5))', 'ztitle("Z", ring(0))',
                   'zscale(off fill)', 'zscale(fill)', 'zmtick(#2, tlcolor(red) tlength(3))',
                   'clegend(region(lalign(outside) lcolor(red)))', 'clegend(at(2))', 'by(h)',
                   'by(h, clegend(on))', 'by(h, clegend(on at(3)))', 'by(h, clegend(on pos(6)))',
                   'by(h, clegend(on ring(0)))', 'zlabel(, grid)', 'zlabel(, tposition(inside))',
                   'zlabel(, alternate)', 'ztick(-1 1, grid tlcolor(red))', 'zscale(extend)',
                   'zlabel(1, add)', 'zlabel(, norescale)', 'ccuts(0 1 2)', 'levels(5)', 'crule(hue)',
                   'scolor(red) ecolor(blue)', 'interp(none)', 'zlabel(#5)', 'ccolors(red blue green yellow)',
                   'zlabel(, format(%9.2f))']
CONTOURLINE_OPTIONS = ['ccuts(-2 0 2)', 'levels(3)', 'minmax', 'format(%4.1f) colorlines', 'colorlines',
                       'colorlines crule(chue)', 'colorlines reversekey', 'colorlines clwidths(thick)',
                       'lcolor(red)', 'lwidth(thick)', 'lpattern(dash)', 'colorlines plegend(position(6))',
                       'zlabel(-1 "a" 1 "b") colorlines', 'interp(shepard)', 'ztitle("Z")', 'clegend(off)']
# pcspike takes line options only ([G-2] graph twoway pcspike); pcarrow its arrowheads' marker
# options and marker labels too ([G-2] graph twoway pcarrow)
PAIRED_OPTIONS = ['horizontal', 'vertical', 'lcolor(red)', 'lwidth(thick)', 'lpattern(dash)',
                  'recast(pcarrow)', 'recast(pcscatter)', 'recast(pccapsym)', 'recast(pcbarrow)',
                  'pstyle(p3)']
PCARROW_OPTIONS = PAIRED_OPTIONS + ['mstyle(p2)', 'msize(large)', 'mcolor(red)', 'barbsize(2)', 'mangle(45)', 'mlabel(g)',
                                    'mlabel(g) headlabel']

# the issue-14 commands the lists above do not reach: the lowess command, the range plots,
# twoway histogram/kdensity/lpoly, connected, horizontal charts
LOWESS_CMD_OPTIONS = ['bwidth(.5)', 'mean', 'noweight', 'logit', 'adjust', 'lineopts(lcolor(red))',
                      'msymbol(D)', 'mcolor(red)', 'title("L")', 'by(h)', 'addplot(line y x)']
CONNECTED_OPTIONS = LINE_OPTIONS + ['msymbol(D)', 'mcolor(red)', 'msize(large)', 'mlabel(g)']
TW_HISTOGRAM_OPTIONS = ['bin(5)', 'width(2)', 'start(-5)', 'discrete', 'density', 'fraction', 'frequency',
                        'percent', 'gap(20)', 'horizontal', 'color(red)', 'fcolor(yellow)', 'lcolor(red)',
                        'barwidth(.5)', 'vertical']
TW_KDENSITY_OPTIONS = ['kernel(gaussian)', 'bwidth(2)', 'n(20)', 'range(-5 15)', 'area(2)', 'horizontal',
                       'recast(area)', 'lcolor(red)', 'lpattern(dash)']
TW_LPOLY_OPTIONS = ['kernel(gaussian)', 'bwidth(2)', 'degree(1)', 'n(20)', 'lcolor(red)', 'lwidth(thick)']
QNORM_MORE = ['grid', 'rlopts(lcolor(red))', 'msymbol(D)', 'mcolor(red)', 'title("Q")', 'addplot(line y y)',
              'by(h)', 'xlabel(#3)']

# [R] marginsplot's options (after margins g, at(x=(2 5 8)))
MARGINSPLOT_OPTIONS = ['xdimension(g)', 'plotdimension(_at)', 'bydimension(g)', 'graphdimension(g)',
                       'horizontal', 'noci', 'recast(line)', 'recastci(rarea)', 'plotopts(lcolor(red))',
                       'plot1opts(lcolor(red))', 'ciopts(lcolor(red))', 'ci1opts(lcolor(red))',
                       'byopts(cols(1))', 'allxlabels', 'nolabels', 'allsimplelabels', 'nosimplelabels',
                       'separator(|)', 'noseparator', 'plotdimension(g, labels("a" "b" "c"))',
                       'plotdimension(g, elabels(1 "one"))', 'level(90)', 'derivlabels', 'title("M")',
                       'addplot(scatter y x)', 'mcompare(bonferroni)', 'unique', 'csort']

# (label, base command, options, a command run first)
CASES = {
    "twoway scatter": ("scatter y x", TWOWAY_OPTIONS, None),
    "twoway legend": ("twoway (scatter y x) (scatter z x)", LEGEND_OPTIONS, None),
    "twoway line": ("line y x, sort", LINE_OPTIONS, None),
    "line gaps": ("line ym x, sort", GAP_OPTIONS, "generate ym = y if mod(_n, 7)"),
    "twoway area": ("twoway area y x, sort", AREA_OPTIONS, None),
    "twoway bar": ("twoway bar y x", AREA_OPTIONS, None),
    "twoway lfit": ("twoway lfit y x", FIT_OPTIONS, None),
    "twoway lfitci": ("twoway lfitci y x", FITCI_OPTIONS, None),
    "lfit models": ("twoway lfit y x", FIT_MODEL_OPTIONS, None),
    "lfitci models": ("twoway lfitci y x", FIT_MODEL_OPTIONS, None),
    "qfitci models": ("twoway qfitci y x", FIT_MODEL_OPTIONS, None),
    "lfitci aweights": ("twoway lfitci y x [aw=w]", FIT_MODEL_OPTIONS, None),
    "twoway fpfitci": ("twoway fpfitci y z", FP_OPTIONS, None),
    "twoway lowess": ("twoway lowess y x", LOWESS_OPTIONS, None),
    "twoway lpolyci": ("twoway lpolyci y x", LPOLY_OPTIONS, None),
    "twoway function": ("twoway function y = x^2, range(0 10)", FUNCTION_OPTIONS, None),
    "twoway rcap": ("twoway rcap y z x", RANGE_OPTIONS, None),
    "twoway rbar": ("twoway rbar y z x", RANGE_OPTIONS + ['mwidth'], None),
    "twoway rbarm": ("twoway rbarm y z x", RANGE_OPTIONS, None),
    "twoway rarea": ("twoway rarea y z x, sort", RANGE_OPTIONS, None),
    "twoway pcspike": ("twoway pcspike y x z x", PAIRED_OPTIONS, None),
    "twoway pcarrow": ("twoway pcarrow y x z x", PCARROW_OPTIONS, None),
    "twoway mspline": ("twoway mspline y x", MBAND_OPTIONS, None),
    "twoway dot": ("twoway dot y x in 1/8", DOTPLOT_OPTIONS, None),
    "twoway spike": ("twoway spike y x", SPIKE_OPTIONS, None),
    "twoway dropline": ("twoway dropline y x", SPIKE_OPTIONS, None),
    "graph pie w": ("graph pie w", PIE_OPTIONS, None),
    "qnorm": ("qnorm y", QNORM_OPTIONS, None),
    "pnorm": ("pnorm y", QNORM_OPTIONS, None),
    "twoway qfit": ("twoway qfit y x", FIT_OPTIONS, None),
    "twoway fpfit": ("twoway fpfit y z", FP_OPTIONS[:16], None),
    "histogram": ("histogram y", HISTOGRAM_OPTIONS, None),
    "kdensity": ("kdensity y", KDENSITY_OPTIONS, None),
    "graph bar": ("graph bar y", BAR_OPTIONS, None),
    "graph dot": ("graph dot y", DOT_OPTIONS, None),
    "graph box": ("graph box y", BOX_OPTIONS, None),
    "graph pie": ("graph pie, over(g)", PIE_OPTIONS, None),
    "graph pie vars": ("graph pie z w y", ["sort", "sort(x)", "sort(x) descending", "sort(x) cw"],
                       "replace z = . if x < 3"),
    "graph matrix": ("graph matrix y x z", MATRIX_OPTIONS, None),
    "contour": ("twoway contour q y x", CONTOUR_OPTIONS, "generate q = x^2/10 - z"),
    "contourline": ("twoway contourline q y x", CONTOURLINE_OPTIONS, "generate q = x^2/10 - z"),
    "lowess cmd": ("lowess y x", LOWESS_CMD_OPTIONS, None),
    "twoway connected": ("twoway connected y x, sort", CONNECTED_OPTIONS, None),
    "twoway rspike": ("twoway rspike y z x", RANGE_OPTIONS, None),
    "twoway rline": ("twoway rline y z x, sort", RANGE_OPTIONS, None),
    "twoway rcapsym": ("twoway rcapsym y z x", RANGE_OPTIONS, None),
    "twoway rscatter": ("twoway rscatter y z x", RANGE_OPTIONS, None),
    "twoway rconnected": ("twoway rconnected y z x, sort", RANGE_OPTIONS, None),
    "twoway histogram": ("twoway histogram y", TW_HISTOGRAM_OPTIONS, None),
    "twoway kdensity": ("twoway kdensity y", TW_KDENSITY_OPTIONS, None),
    "twoway lpoly": ("twoway lpoly y x", TW_LPOLY_OPTIONS, None),
    "twoway qfitci": ("twoway qfitci y x", FITCI_OPTIONS, None),
    "qnorm more": ("qnorm y", QNORM_MORE, None),
    "graph hbar": ("graph hbar y", BAR_OPTIONS, None),
    "graph hbox": ("graph hbox y", BOX_OPTIONS, None),
    "marginsplot": ("marginsplot", MARGINSPLOT_OPTIONS, "quietly regress y x i.g\nquietly margins g, at(x=(2 5 8))"),
    "graph combine": ("graph combine a b", COMBINE_OPTIONS,
                      "scatter y x, name(a, replace)\nscatter x y, name(b, replace)"),
}


def picture(session) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mlmcli.graphs.draw import make_figure

    fig = make_figure(session.graphs[-1])
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    return hashlib.sha1(buffer.getvalue()).hexdigest()


def sweep(label: str, base: str, options: list[str], setup: str | None):
    session = make_session()
    if setup:
        run(session, setup)
    comma = ", " if "," not in base else " "
    out, rc = run(session, base)
    assert rc == 0, out
    baseline = picture(session)
    for option in options:
        out, rc = run(session, f"{base}{comma}{option}", stop_on_error=False)
        first = next((line for line in out.splitlines() if line.strip()), "")
        if rc == 0:
            yield option, ("same" if picture(session) == baseline else "drawn"), first
        elif "not supported by mlmcli" in out:
            yield option, "refused", first
        elif "not allowed" in out:
            yield option, "not-allowed", first
        else:
            yield option, f"error r({rc})", first


def main(argv: list[str]) -> None:
    show_all = "--all" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    counts: dict[str, int] = {}
    for label, (base, options, setup) in CASES.items():
        if wanted and not any(w in label for w in wanted):
            continue
        for option, verdict, message in sweep(label, base, options, setup):
            counts[verdict.split()[0]] = counts.get(verdict.split()[0], 0) + 1
            if show_all or verdict != "drawn":
                print(f"{label:15} {verdict:12} {option:45} {message[:90]}")
    print(counts)


if __name__ == "__main__":
    main(sys.argv[1:])
