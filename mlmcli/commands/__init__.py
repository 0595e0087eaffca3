"""The command registry: Stata command names, their minimal abbreviations and
where each is implemented.

Modules are imported on first use so that start-up stays fast (``mlm -c
'display 1'`` never imports scipy).  A handler has the signature
``handler(session, cmd: mlmcli.ast.Command) -> None``.

``raw``: the parser leaves everything after the command word in ``cmd.args``
(the command has its own syntax, e.g. ``mixed``'s ``||`` equations).
``byable``: the command may be used with the ``by`` prefix.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from mlmcli.errors import StataError, unrecognized_command
from mlmcli.syntax.abbreviation import abbreviates, resolve_abbreviation


@dataclass(frozen=True)
class CommandSpec:
    name: str
    min_abbrev: int
    target: str  # "module:function"
    raw: bool = False
    byable: bool = False
    by_native: bool = False  # handles `by` itself via session.by_vars (no runner loop)

    def matches(self, word: str) -> bool:
        return abbreviates(word, self.name, self.min_abbrev)

    def handler(self) -> Callable:
        return self.function(self.target.split(":")[1])

    def function(self, name: str) -> Callable:
        """Another function of the command's module (``input``'s ``run_input`` for its data
        lines): the runner reaches command modules only through the registry."""
        return getattr(importlib.import_module(self.target.split(":")[0]), name)


_P = "mlmcli.commands."

# name, minimal abbreviation, target, raw, byable
_TABLE: list[tuple[str, int, str, bool, bool]] = [
    # programming and macros (commands/program/)
    ("display", 2, "program.control:cmd_display", True, True),
    ("local", 3, "program.macros:cmd_local", True, False),
    ("global", 2, "program.macros:cmd_global", True, False),
    ("c_local", None, "program.macros:cmd_c_local", True, False),
    ("scalar", 3, "program.scalars:cmd_scalar", True, False),
    ("macro", 2, "program.macros:cmd_macro", True, False),
    ("set", 3, "program.control:cmd_set", True, False),
    ("exit", 4, "program.control:cmd_exit", True, False),
    ("error", 5, "program.error:cmd_error", True, False),
    ("quit", 4, "program.control:cmd_exit", True, False),
    ("do", 2, "program.files:cmd_do", True, False),
    ("run", 3, "program.files:cmd_do", True, False),
    ("version", 4, "program.control:cmd_version", True, False),
    ("assert", 3, "program.control:cmd_assert", False, True),
    ("log", 3, "program.logs:cmd_log", True, False),
    ("translate", 9, "program.logs:cmd_translate", True, False),
    ("cmdlog", 6, "program.logs:cmd_cmdlog", True, False),
    ("help", 1, "program.help:cmd_help", True, False),
    ("search", 3, "program.help:cmd_search", True, False),
    ("cd", 2, "program.files:cmd_cd", True, False),
    ("pwd", 3, "program.files:cmd_pwd", True, False),
    ("mkdir", 5, "program.files:cmd_mkdir", True, False),
    ("rmdir", 5, "program.files:cmd_rmdir", True, False),
    ("include", 7, "program.files:cmd_include", True, False),
    ("tempfile", 8, "program.files:cmd_tempnames", True, False),
    ("tempvar", 7, "program.files:cmd_tempnames", True, False),
    ("tempname", 8, "program.files:cmd_tempnames", True, False),
    ("sleep", 5, "program.files:cmd_sleep", True, False),
    ("shell", None, "program.shell:cmd_shell", True, False),
    ("xshell", None, "program.shell:cmd_shell", True, False),
    ("winexec", None, "program.shell:cmd_winexec", True, False),
    ("file", 4, "program.file_command:cmd_file", True, False),
    ("type", 4, "program.type_file:cmd_type", True, False),
    ("view", 4, "program.view_file:cmd_view", True, False),
    ("timer", 5, "program.timer:cmd_timer", True, False),
    ("constraint", 10, "program.constraint:cmd_constraint", True, False),
    ("unab", 4, "program.syntax:cmd_unab", True, False),
    ("erase", 5, "program.files:cmd_erase", True, False),
    ("rm", 2, "program.files:cmd_erase", True, False),
    ("cls", 3, "program.interface:cmd_cls", True, False),
    ("browse", 2, "program.interface:cmd_browse", False, False),
    ("edit", 2, "program.interface:cmd_browse", False, False),
    ("doedit", 4, "program.interface:cmd_doedit", True, False),
    ("mata", 4, "program.interface:cmd_mata", True, False),
    ("about", 5, "program.interface:cmd_about", True, False),
    ("program", 3, "program.control:cmd_program", True, False),
    ("args", 4, "program.control:cmd_args", True, False),
    ("tokenize", 8, "program.tokens:cmd_tokenize", True, False),
    ("gettoken", 8, "program.tokens:cmd_gettoken", True, False),
    ("input", 3, "data.input:cmd_input", True, False),
    ("levelsof", 8, "program.levelsof:cmd_levelsof", False, True),
    ("confirm", 4, "program.confirm:cmd_confirm", True, False),
    ("syntax", 6, "program.syntax:cmd_syntax", True, False),
    ("marksample", None, "program.mark:cmd_marksample", False, False),
    ("mark", None, "program.mark:cmd_mark", False, False),
    ("markout", None, "program.mark:cmd_markout", False, False),
    ("markin", None, "program.mark:cmd_markin", False, False),
    ("svymarkout", None, "program.mark:cmd_svymarkout", False, False),
    ("numlist", None, "program.parse_numlist:cmd_numlist", True, False),
    ("fvunab", None, "program.factor_names:cmd_fvunab", True, False),
    ("fvexpand", None, "program.factor_names:cmd_fvexpand", False, False),
    ("_rmcoll", None, "program.remove_collinear:cmd_rmcoll", False, False),
    ("creturn", 3, "program.creturn:cmd_creturn", True, False),
    # data in and out (commands/data/files.py)
    ("use", 1, "data.files:cmd_use", True, False),  # [D] use: {opt u:se}
    ("save", 2, "data.files:cmd_save", False, False),
    ("saveold", 7, "data.foreign_files:cmd_saveold", False, False),
    ("import", 3, "data.files:cmd_import", False, False),
    ("export", 6, "data.files:cmd_export", False, False),
    ("putexcel", 8, "data.putexcel:cmd_putexcel", True, False),
    ("putdocx", 7, "data.putdocx:cmd_putdocx", True, False),
    ("insheet", 3, "data.files:cmd_insheet", False, False),
    ("outsheet", 4, "data.files:cmd_outsheet", False, False),
    ("clear", 5, "data.files:cmd_clear", False, False),
    ("webuse", 6, "data.web:cmd_webuse", True, False),
    ("bcuse", 5, "data.web:cmd_bcuse", True, False),
    ("sysuse", 6, "data.web:cmd_sysuse", True, False),
    ("copy", 4, "data.web:cmd_copy", True, False),
    ("net", 3, "data.web:cmd_net", True, False),  # net install: community.packages
    # looking at data (commands/data/describe.py)
    ("describe", 1, "data.describe:cmd_describe", False, False),
    ("list", 1, "data.describe:cmd_list", False, True),
    ("count", 3, "data.describe:cmd_count", False, True),
    ("ds", 2, "data.variable_search:cmd_ds", False, False),
    ("lookfor", 7, "data.variable_search:cmd_lookfor", True, False),
    # summary tables (commands/data/tables.py)
    ("summarize", 2, "data.tables:cmd_summarize", False, True),
    ("tabulate", 2, "data.tables:cmd_tabulate", False, True),
    ("tab1", 4, "data.tables:cmd_tab1", False, True),
    ("tab2", 4, "data.pairwise_tables:cmd_tab2", False, True),
    ("tabi", 4, "data.tabi:cmd_tabi", False, False),
    ("fre", 3, "data.tables:cmd_fre", False, True),  # fre.ado: byable(onecall), _fre byable(recall)
    ("tabstat", 7, "data.tables:cmd_tabstat", False, True),
    # creating variables (commands/data/generate.py)
    ("generate", 1, "data.generate:cmd_generate", False, True),
    ("replace", 7, "data.generate:cmd_replace", False, True),
    ("egen", 4, "data.generate:cmd_egen", False, True),
    # managing data (commands/data/manage.py; labels, formats, recoding: data/labels.py)
    ("sort", 2, "data.manage:cmd_sort", False, False),  # [D] sort: so[rt]
    ("gsort", 5, "data.manage:cmd_gsort", False, False),
    ("keep", 4, "data.manage:cmd_keep", False, True),
    ("drop", 4, "data.manage:cmd_drop", False, True),
    ("rename", 3, "data.manage:cmd_rename", False, False),
    ("renpfix", 7, "data.manage:cmd_renpfix", False, False),
    ("order", 5, "data.manage:cmd_order", False, False),
    ("move", 4, "data.manage:cmd_move", False, False),
    ("label", 2, "data.labels:cmd_label", True, False),
    ("format", 3, "data.labels:cmd_format", True, False),
    ("char", 4, "data.characteristics:cmd_char", True, False),
    ("notes", 4, "data.notes:cmd_notes", True, False),
    ("encode", 6, "data.labels:cmd_encode", False, False),
    ("decode", 6, "data.labels:cmd_decode", False, False),
    ("recode", 6, "data.recode:cmd_recode", True, False),
    ("xtset", 5, "data.panel_settings:cmd_xtset", False, False),
    ("xtdata", 6, "data.panel_transform:cmd_xtdata", False, False),
    ("iis", 3, "data.panel_settings:cmd_iis", False, False),
    ("mkspline", 8, "data.linear_splines:cmd_mkspline", False, False),
    ("tis", 3, "data.panel_settings:cmd_tis", False, False),
    ("stset", 5, "data.survival_settings:cmd_stset", False, False),
    ("sts", 3, "survival.sts:cmd_sts", False, False),
    ("st", 2, "data.survival_settings:cmd_st", False, False),
    ("stsum", 5, "statistics.survival_description:cmd_stsum", False, True),
    ("stdescribe", 4, "statistics.survival_description:cmd_stdescribe", False, True),
    ("strate", 6, "survival.st_rates:cmd_strate", False, False),
    ("stptime", 7, "survival.st_rates:cmd_stptime", False, False),
    ("stci", 4, "survival.st_ci:cmd_stci", False, True),
    ("ltable", 2, "statistics.life_tables:cmd_ltable", False, False),
    ("stir", 4, "survival.st_epitab:cmd_stir", False, True),
    ("stmh", 4, "survival.st_rate_ratios:cmd_stmh", False, True),
    ("stmc", 4, "survival.st_rate_ratios:cmd_stmc", False, True),
    ("stbase", 6, "survival.st_baseline:cmd_stbase", False, False),
    ("stgen", 5, "survival.st_variables:cmd_stgen", False, False),
    ("stvary", 6, "survival.st_variables:cmd_stvary", False, True),
    ("stfill", 6, "survival.st_variables:cmd_stfill", False, False),
    ("stsplit", 7, "survival.st_split:cmd_stsplit", False, False),
    ("stjoin", 6, "survival.st_split:cmd_stjoin", False, False),
    ("tsset", 5, "data.panel_settings:cmd_tsset", False, False),
    ("tsfill", 6, "data.time_series_fill:cmd_tsfill", False, False),
    ("tsappend", 8, "data.time_series_fill:cmd_tsappend", False, False),
    ("tsreport", 8, "data.time_series_report:cmd_tsreport", False, False),
    ("ipolate", 3, "data.interpolate:cmd_ipolate", False, True),
    ("tsunab", 6, "program.time_series_names:cmd_tsunab", True, False),
    ("tsrevar", 7, "program.time_series_names:cmd_tsrevar", False, False),
    ("expand", 6, "data.observations:cmd_expand", False, False),
    ("fillin", 6, "data.observations:cmd_fillin", False, False),
    ("sample", 6, "data.observations:cmd_sample", False, False),
    ("bsample", 7, "data.observations:cmd_bsample", False, False),
    ("duplicates", 10, "data.duplicates:cmd_duplicates", False, False),
    ("isid", 4, "data.duplicates:cmd_isid", False, False),
    ("split", 5, "data.split:cmd_split", False, False),
    ("numlabel", 8, "data.numlabel:cmd_numlabel", False, False),
    ("svyset", None, "data.survey_settings:cmd_svyset", True, False),
    ("svydescribe", 6, "data.survey_settings:cmd_svydescribe", False, False),
    ("codebook", 4, "data.codebook:cmd_codebook", False, False),
    ("dataex", None, "data.dataex:cmd_dataex", False, False),
    ("misstable", 9, "data.misstable:cmd_misstable", False, False),
    ("destring", 8, "data.strings:cmd_destring", False, False),
    ("tostring", 8, "data.strings:cmd_tostring", False, False),
    ("clonevar", 8, "data.variables:cmd_clonevar", False, False),
    ("compress", 8, "data.variables:cmd_compress", False, False),
    ("recast", 6, "data.variables:cmd_recast", False, False),
    ("separate", 8, "data.variables:cmd_separate", False, False),
    ("xtile", 5, "data.quantiles:cmd_xtile", False, False),
    ("pctile", 6, "data.quantiles:cmd_pctile", False, False),
    ("_pctile", 7, "data.quantiles:cmd__pctile", False, False),
    ("mvencode", 8, "data.quantiles:cmd_mvencode", False, False),
    ("mvdecode", 8, "data.quantiles:cmd_mvdecode", False, False),
    ("postfile", 8, "data.post:cmd_postfile", True, False),
    ("post", 4, "data.post:cmd_post", True, False),
    ("postclose", 9, "data.post:cmd_postclose", True, False),
    ("postutil", 8, "data.post:cmd_postutil", True, False),
    ("infile", 3, "data.infile:cmd_infile", False, False),
    ("infix", 5, "data.infile:cmd_infix", False, False),
    ("drawnorm", 8, "data.drawnorm:cmd_drawnorm", False, False),
    ("table", 5, "data.table:cmd_table", False, True),
    ("tabdisp", 7, "data.tabdisp:cmd_tabdisp", False, True),  # [P] tabdisp
    ("collect", 4, "data.collect:cmd_collect", True, False),  # after Stata 17's table (data/table_collect.py)
    ("preserve", 8, "data.manage:cmd_preserve", False, False),
    ("restore", 7, "data.manage:cmd_restore", False, False),
    # combining data (commands/data/merge.py, combine.py, reshape.py)
    ("merge", 5, "data.merge:cmd_merge", True, False),
    ("append", 6, "data.combine:cmd_append", False, False),
    ("collapse", 8, "data.combine:cmd_collapse", True, False),
    ("contract", None, "data.contract:cmd_contract", False, False),  # contract.ado: no abbreviation
    ("xpose", 5, "data.transpose:cmd_xpose", False, False),
    ("stack", 5, "data.stack:cmd_stack", False, False),
    ("stem", 4, "statistics.stem:cmd_stem", False, True),
    ("inspect", 3, "data.inspect:cmd_inspect", False, True),
    ("snapshot", 8, "data.snapshot:cmd_snapshot", True, False),
    # Stata 16's data frames (data/frames.py, data/frame_links.py)
    ("frame", None, "data.frames:cmd_frame", True, False),
    ("frames", None, "data.frames:cmd_frame", True, False),
    ("cwf", None, "data.frames:cmd_cwf", True, False),
    ("pwf", None, "data.frames:cmd_pwf", True, False),
    ("mkf", None, "data.frames:cmd_mkf", True, False),
    ("frlink", None, "data.frame_links:cmd_frlink", True, False),
    ("frget", None, "data.frame_links:cmd_frget", True, False),
    ("dir", None, "program.directory_listing:cmd_dir", True, False),  # [D] dir
    ("ls", None, "program.directory_listing:cmd_dir", True, False),
    ("sysdir", 6, "program.system_directories:cmd_sysdir", True, False),
    ("adopath", 7, "program.system_directories:cmd_adopath", True, False),
    ("findfile", None, "program.system_directories:cmd_findfile", True, False),
    ("discard", None, "program.session_commands:cmd_discard", True, False),
    ("pause", None, "program.session_commands:cmd_pause", True, False),
    ("more", None, "program.session_commands:cmd_more", True, False),
    ("unabcmd", None, "program.session_commands:cmd_unabcmd", True, False),
    ("joinby", 6, "data.joinby:cmd_joinby", False, False),
    ("reshape", 7, "data.reshape:cmd_reshape", True, False),
    # data and matrices (commands/data/matrix_data.py)
    ("svmat", 5, "data.matrix_data:cmd_svmat", True, False),
    ("mkmat", 5, "data.matrix_data:cmd_mkmat", False, False),
    # data-management utilities (commands/data/: numeric_range, compare_data, ...)
    ("range", None, "data.numeric_range:cmd_range", True, False),
    ("compare", None, "data.compare_data:cmd_compare", False, True), ("cf", None, "data.compare_data:cmd_cf", False, False),
    ("labelbook", None, "data.labelbook:cmd_labelbook", False, False),
    ("fvset", None, "data.factor_settings:cmd_fvset", False, False),
    ("filefilter", 5, "data.file_filter:cmd_filefilter", False, False),
    ("checksum", None, "data.file_checksum:cmd_checksum", False, False),
    ("datasignature", None, "data.data_signature:cmd_datasignature", False, False),
    ("_datasignature", None, "data.data_signature:cmd__datasignature", False, False),
    ("fvrevar", None, "program.factor_revar:cmd_fvrevar", False, False),
    ("outfile", None, "data.outfile:cmd_outfile", False, False),
    ("corr2data", None, "data.corr2data:cmd_corr2data", False, False),
    ("zipfile", None, "data.zip_files:cmd_zipfile", False, False), ("unzipfile", None, "data.zip_files:cmd_unzipfile", False, False),
    ("cross", None, "data.cross_data:cmd_cross", False, False),
    ("snapspan", None, "data.snapspan:cmd_snapspan", False, False),
    ("xmlsave", None, "data.xml_files:cmd_xmlsave", False, False), ("xmluse", None, "data.xml_files:cmd_xmluse", False, False),
    ("query", 1, "program.query_settings:cmd_query", True, False),
    ("memory", None, "program.memory_report:cmd_memory", False, False),
    ("symmetry", 4, "statistics.symmetry:cmd_symmetry", False, True), ("symmi", None, "statistics.symmetry:cmd_symmi", True, False),
    # estimation (commands/estimation/): mixed models
    ("mixed", 5, "estimation.mixed:cmd_mixed", True, True),
    ("xtmixed", 7, "estimation.mixed:cmd_mixed", True, True),
    # multiple imputation (commands/data/mi.py; mi estimate: commands/estimation/mi_estimate.py)
    ("mi", 2, "data.mi:cmd_mi", True, False),
    # estimation (commands/estimation/me.py): generalized linear mixed models
    ("melogit", 7, "estimation.me:cmd_me", True, True),
    ("meprobit", 8, "estimation.me:cmd_me", True, True),
    ("mecloglog", 9, "estimation.me:cmd_me", True, True),
    ("mepoisson", 9, "estimation.me:cmd_me", True, True),
    ("menbreg", 7, "estimation.me:cmd_me", True, True),
    ("meologit", 8, "estimation.me:cmd_me", True, True),
    ("meoprobit", 9, "estimation.me:cmd_me", True, True),
    ("meglm", 5, "estimation.me:cmd_me", True, True),
    ("metobit", 7, "estimation.me:cmd_censored", True, True),
    ("meintreg", 8, "estimation.me:cmd_censored", True, True),
    ("menl", 4, "estimation.menl:cmd_menl", False, False),
    ("nl", 2, "estimation.nl:cmd_nl", False, False),
    ("gmm", None, "estimation.gmm:cmd_gmm", False, True),
    ("ml", 2, "estimation.ml:cmd_ml", True, False),
    ("mleval", 6, "program.ml_helpers:cmd_mleval", False, False),
    ("mlsum", 5, "program.ml_helpers:cmd_mlsum", False, False),
    ("mlvecsum", 8, "program.ml_helpers:cmd_mlvecsum", False, False),
    ("mlmatsum", 8, "program.ml_helpers:cmd_mlmatsum", False, False),
    ("mlmatbysum", 10, "program.ml_helpers:cmd_mlmatbysum", False, False),
    # the QR-decomposition front ends (commands/estimation/meqr.py) and their Stata 12 names
    ("meqrlogit", 9, "estimation.meqr:cmd_meqr", True, True),
    ("meqrpoisson", 11, "estimation.meqr:cmd_meqr", True, True),
    ("xtmelogit", 9, "estimation.meqr:cmd_meqr", True, True),
    ("xtmepoisson", 11, "estimation.meqr:cmd_meqr", True, True),
    # postestimation, for every estimation command (commands/postestimation/)
    ("estat", 5, "postestimation.estat:cmd_estat", False, False),
    ("meta", 4, "meta.command:cmd_meta", False, False),
    ("predict", 7, "postestimation.predict:cmd_predict", False, False),
    ("estimates", 3, "postestimation.estimates:cmd_estimates", True, False),
    ("ereturn", 4, "program.returns:cmd_ereturn", True, False),
    ("return", 3, "program.returns:cmd_return", True, False),
    ("_return", None, "program.held_results:cmd__return", True, False),
    ("_estimates", None, "program.held_results:cmd__estimates", True, False),
    ("sreturn", 4, "program.returns:cmd_sreturn", True, False),
    ("matrix", 3, "program.matrix:cmd_matrix", True, False),
    ("matlist", None, "program.matlist:cmd_matlist", True, False),
    ("lrtest", 6, "postestimation.lrtest:cmd_lrtest", False, False),
    ("test", 2, "postestimation.hypotheses:cmd_test", True, False),
    ("testparm", 8, "postestimation.hypotheses:cmd_testparm", True, False),
    ("lincom", 6, "postestimation.hypotheses:cmd_lincom", True, False),
    ("nlcom", 5, "postestimation.nlcom:cmd_nlcom", True, False),
    ("testnl", 6, "postestimation.testnl:cmd_testnl", True, False),
    ("predictnl", 9, "postestimation.predictnl:cmd_predictnl", False, False),
    ("margins", 7, "postestimation.margins:cmd_margins", False, False),
    ("mfx", None, "postestimation.mfx:cmd_mfx", False, False),
    ("contrast", 8, "postestimation.contrast:cmd_contrast", False, False),
    ("pwcompare", 9, "postestimation.pwcompare:cmd_pwcompare", False, False),
    # estimation (commands/estimation/): linear regression; statsby (commands/data/statsby.py)
    ("regress", 3, "estimation.regress:cmd_regress", False, True),
    # quantile and robust regression (commands/estimation/robust_regression.py)
    ("qreg", 4, "estimation.robust_regression:cmd_qreg", False, True),
    ("bsqreg", 6, "estimation.robust_regression:cmd_bsqreg", False, True),
    ("sqreg", 5, "estimation.robust_regression:cmd_sqreg", False, True),
    ("iqreg", 5, "estimation.robust_regression:cmd_sqreg", False, True),
    ("rreg", 4, "estimation.robust_regression:cmd_rreg", False, True),
    # path models (commands/estimation/sem.py: Gaussian observed paths; gsem random intercepts)
    ("sem", 3, "estimation.sem:cmd_sem", True, True),
    ("gsem", 4, "estimation.sem:cmd_sem", True, True),
    # panel data (commands/estimation/xtreg.py)
    ("xtreg", 5, "estimation.xtreg:cmd_xtreg", False, True),
    ("areg", 4, "estimation.vce_through_prefix:cmd_areg", False, True),
    ("ivregress", 9, "estimation.ivregress:cmd_ivregress", False, True),
    ("ivreg2", 6, "estimation.ivreg2:cmd_ivreg2", False, True),
    ("xtivreg2", 8, "estimation.xtivreg2:cmd_xtivreg2", False, True),
    ("ivreghdfe", 9, "estimation.ivreghdfe:cmd_ivreghdfe", False, False),
    ("ivhettest", 9, "postestimation.ivhettest:cmd_ivhettest", False, False),
    ("ivreg", 5, "estimation.ivreg:cmd_ivreg", False, True),
    ("xtivreg", 7, "estimation.xtivreg:cmd_xtivreg", False, True),
    ("nestreg", 7, "estimation.nestreg:cmd_nestreg", True, False),
    ("fracpoly", 8, "estimation.fracpoly:cmd_fracpoly", True, False),
    ("fracgen", 7, "estimation.fracgen:cmd_fracgen", True, False),
    ("fp", 2, "data.fp_command:cmd_fp", True, False),
    ("fracplot", 8, "graphs.fracplot:cmd_fracplot", True, False),
    ("fracpred", 8, "estimation.fracpred:cmd_fracpred", True, False),
    ("mfp", 3, "estimation.mfp:cmd_mfp", True, False),
    ("stepwise", 8, "estimation.stepwise:cmd_stepwise", True, False),
    ("reghdfe", 7, "estimation.reghdfe:cmd_reghdfe", False, False),  # reghdfe.ado: program reghdfe, eclass (not byable)
    ("ppmlhdfe", 8, "estimation.ppmlhdfe:cmd_ppmlhdfe", False, False),  # ppmlhdfe.ado: program ppmlhdfe, eclass
    ("xi", 2, "estimation.xi:cmd_xi", True, False),
    ("clogit", 6, "estimation.conditional:cmd_clogit", False, True),
    ("xtlogit", 7, "estimation.conditional:cmd_xtlogit", False, True),
    ("xtpoisson", 9, "estimation.conditional:cmd_xtpoisson", False, True),
    ("xtgee", 5, "estimation.gee:cmd_xtgee", False, True),
    ("xtprobit", 8, "estimation.gee:cmd_xtprobit", False, True),
    ("xtnbreg", 7, "estimation.negative_binomial_panel:cmd_xtnbreg", False, True),
    ("xttobit", 7, "estimation.xttobit:cmd_xttobit", False, True),
    ("xtologit", 8, "estimation.xt_ordered:cmd_xtologit", False, True),
    ("xtoprobit", 9, "estimation.xt_ordered:cmd_xtoprobit", False, True),
    ("xtmlogit", 8, "estimation.xtmlogit:cmd_xtmlogit", False, True),
    ("xthtaylor", 9, "estimation.xthtaylor:cmd_xthtaylor", False, True),
    ("xtabond", 7, "estimation.dynamic_panel:cmd_xtabond", False, True),
    ("xtdpdsys", 8, "estimation.dynamic_panel:cmd_xtdpdsys", False, True),
    ("xtabond2", 8, "estimation.xtabond2:cmd_xtabond2", False, True),
    ("xtregar", 7, "estimation.xtregar:cmd_xtregar", False, True),
    ("xtunitroot", 10, "statistics.xtunitroot:cmd_xtunitroot", False, False),
    ("xtrc", 4, "estimation.xtrc:cmd_xtrc", False, True),
    ("xtcloglog", 9, "estimation.xtcloglog:cmd_xtcloglog", False, True),
    ("xtintreg", 8, "estimation.xtintreg:cmd_xtintreg", False, True),
    ("anova", 5, "estimation.anova:cmd_anova", False, True),
    ("hausman", 7, "postestimation.hausman:cmd_hausman", False, False),
    ("suest", 5, "postestimation.suest:cmd_suest", False, False),
    ("xttest0", 7, "postestimation.xttest0:cmd_xttest0", False, False),
    ("xttest3", 7, "postestimation.xttest3:cmd_xttest3", False, False),
    ("xttest2", 7, "postestimation.xttest2:cmd_xttest2", False, False),
    ("xtcsd", 5, "postestimation.xtcsd:cmd_xtcsd", False, False),
    ("linktest", 8, "postestimation.linktest:cmd_linktest", False, False),
    # diagnostics after regress (commands/postestimation/regress_diagnostics.py)
    ("vif", 3, "postestimation.regress_diagnostics:cmd_vif", False, False),
    ("hettest", 7, "postestimation.regress_diagnostics:cmd_hettest", False, False),
    ("ovtest", 6, "postestimation.regress_diagnostics:cmd_ovtest", False, False),
    ("imtest", 6, "postestimation.regress_diagnostics:cmd_imtest", False, False),
    ("szroeter", 8, "postestimation.regress_diagnostics:cmd_szroeter", False, False),
    ("dfbeta", 6, "postestimation.dfbeta:cmd_dfbeta", False, False),
    ("dwstat", 6, "postestimation.regress_serial_correlation:cmd_dwstat", False, False),
    ("bgodfrey", 8, "postestimation.regress_serial_correlation:cmd_bgodfrey", False, False),
    ("durbina", 7, "postestimation.regress_serial_correlation:cmd_durbina", False, False),
    # correlations (commands/statistics/correlate.py)
    ("correlate", 3, "statistics.correlate:cmd_correlate", False, True),
    ("pwcorr", 6, "statistics.correlate:cmd_pwcorr", False, True),
    ("spearman", 8, "statistics.rank_correlation:cmd_spearman", False, True),
    ("ktau", 4, "statistics.ktau:cmd_ktau", False, True),  # ktau.ado (commands/statistics/ktau.py)
    ("nptrend", 7, "statistics.nptrend:cmd_nptrend", False, False),  # nptrend.ado (not byable)
    ("tetrachoric", 11, "statistics.tetrachoric:cmd_tetrachoric", False, True),  # tetrachoric.ado
    ("dstdize", 7, "statistics.dstdize:cmd_dstdize", False, False),  # dstdize.ado (not byable)
    ("istdize", 7, "statistics.istdize:cmd_istdize", False, False),  # istdize.ado
    # one-way analysis of variance (commands/statistics/oneway.py)
    ("oneway", 6, "statistics.oneway:cmd_oneway", False, True),
    ("loneway", 7, "statistics.oneway:cmd_loneway", False, True),
    # scale reliability, principal components, factor analysis (commands/statistics/alpha.py, pca.py ...)
    ("alpha", 5, "statistics.alpha:cmd_alpha", False, True),
    ("pca", 3, "statistics.pca:cmd_pca", False, True),
    ("mca", None, "statistics.mca:cmd_mca", False, False),  # [MV] mca: method(burt) with adjusted inertias
    ("mvtest", 6, "statistics.mvtest:cmd_mvtest", False, True),
    ("factor", 3, "statistics.factor:cmd_factor", False, True),
    ("rotate", 6, "statistics.rotate:cmd_rotate", False, False),
    # intraclass correlations of ratings (commands/statistics/icc.py)
    ("icc", 3, "statistics.icc:cmd_icc", False, True),
    # normality tests and the ladder of powers (commands/statistics/normality.py)
    ("sktest", 6, "statistics.normality:cmd_sktest", False, True),
    ("ladder", 6, "statistics.normality:cmd_ladder", False, True),
    ("gladder", 7, "statistics.normality:cmd_gladder", False, False),
    ("swilk", 5, "statistics.shapiro:cmd_swilk", False, True),
    ("sfrancia", 8, "statistics.shapiro:cmd_sfrancia", False, True),
    # rank tests (commands/statistics/rank_tests.py)
    ("ranksum", 7, "statistics.rank_tests:cmd_ranksum", False, True),
    ("signrank", 8, "statistics.rank_tests:cmd_signrank", False, True),
    ("kwallis", 7, "statistics.rank_tests:cmd_kwallis", False, False),
    # nonparametric ROC analysis (commands/statistics/roctab.py)
    ("roctab", 6, "statistics.roctab:cmd_roctab", False, True),
    ("pwmean", None, "statistics.pwmean:cmd_pwmean", False, False),
    ("rocgold", None, "statistics.rocgold:cmd_rocgold", False, False),
    ("rocfit", None, "statistics.rocfit:cmd_rocfit", False, False),
    ("rocplot", None, "graphs.rocplot:cmd_rocplot", False, False),
    # the epitab tables and kapwgt (commands/statistics/epitab.py, ir.py, kapwgt.py); not byable, as their ado files
    ("cs", 2, "statistics.epitab:cmd_cs", False, False),
    ("csi", 3, "statistics.epitab:cmd_csi", False, False),
    ("cc", 2, "statistics.epitab:cmd_cc", False, False),
    ("cci", 3, "statistics.epitab:cmd_cci", False, False),
    ("mcc", 3, "statistics.epitab:cmd_mcc", False, False),
    ("mcci", 4, "statistics.epitab:cmd_mcci", False, False),
    ("ir", 2, "statistics.ir:cmd_ir", False, False),
    ("iri", 3, "statistics.ir:cmd_iri", False, False),
    ("tabodds", 7, "statistics.epitab:cmd_tabodds", False, False),
    ("mhodds", 6, "statistics.epitab:cmd_mhodds", False, False),
    ("kapwgt", 6, "statistics.kapwgt:cmd_kapwgt", True, False),  # kap itself: kappa_tests below
    ("cluster", 7, "statistics.cluster:cmd_cluster", True, False),  # [MV] cluster (statistics/cluster.py)
    ("clustermat", 10, "statistics.clustermat:cmd_clustermat", True, False),  # [MV] clustermat
    # mean, total, ratio, proportion outside svy (commands/estimation/descriptive.py, through
    # vce_through_prefix for vce(bootstrap|jackknife))
    ("mean", 4, "estimation.vce_through_prefix:cmd_mean", False, True),
    ("total", 5, "estimation.vce_through_prefix:cmd_total", False, True),
    ("ratio", 5, "estimation.vce_through_prefix:cmd_ratio", False, True),
    ("proportion", 4, "estimation.vce_through_prefix:cmd_proportion", False, True),
    # confidence intervals (commands/statistics/ci.py)
    ("ci", 2, "statistics.ci:cmd_ci", False, True),
    ("cii", 3, "statistics.ci:cmd_cii", False, False),
    ("centile", None, "statistics.centile:cmd_centile", False, True),
    # t tests (commands/statistics/ttest.py)
    ("ttest", 5, "statistics.ttest:cmd_ttest", False, True),
    ("ttesti", 6, "statistics.ttest:cmd_ttesti", False, False),
    ("power", 5, "statistics.power:cmd_power", True, False),  # [PSS] power (commands/statistics/power.py)
    ("sampsi", 6, "statistics.sampsi:cmd_sampsi", True, False),  # sampsi.ado (Stata 13)
    # classic tests: proportions, binomial, sign (proportion_tests.py); variances (variance_tests.py);
    # distributions (distribution_tests.py)
    ("prtest", 6, "statistics.proportion_tests:cmd_prtest", False, True),
    ("prtesti", 7, "statistics.proportion_tests:cmd_prtesti", False, False),
    ("bitest", 6, "statistics.proportion_tests:cmd_bitest", False, True),
    ("bitesti", 7, "statistics.proportion_tests:cmd_bitesti", False, False),
    ("signtest", 8, "statistics.proportion_tests:cmd_signtest", False, True),
    ("sdtest", 6, "statistics.variance_tests:cmd_sdtest", False, True),
    ("sdtesti", 7, "statistics.variance_tests:cmd_sdtesti", False, False),
    ("robvar", 6, "statistics.variance_tests:cmd_robvar", False, True),
    ("ksmirnov", 8, "statistics.distribution_tests:cmd_ksmirnov", False, False),
    ("median", 6, "statistics.distribution_tests:cmd_median", False, True),
    ("kap", 3, "statistics.kappa_tests:cmd_kap", False, True),
    ("kappa", 5, "statistics.kappa_tests:cmd_kappa", False, True),
    # describing panel data (commands/statistics/panel_description.py)
    ("xtdescribe", 5, "statistics.panel_description:cmd_xtdescribe", False, True),
    ("xtsum", 5, "statistics.panel_description:cmd_xtsum", False, True),
    ("xttab", 5, "statistics.panel_description:cmd_xttab", False, True),
    ("xttrans", 7, "statistics.panel_description:cmd_xttrans", False, True),
    ("statsby", 7, "data.statsby:cmd_statsby", True, False),
    # the jackknife and bootstrap prefixes on _b, run as vce() (commands/estimation/replicate_prefix.py)
    ("jackknife", 9, "estimation.replicate_prefix:cmd_jackknife", True, False),
    ("bootstrap", 9, "estimation.replicate_prefix:cmd_bootstrap", True, False),
    ("simulate", None, "statistics.simulate:cmd_simulate", True, False),
    ("permute", None, "statistics.permute:cmd_permute", True, False),
    # the svy prefix, linearized (commands/estimation/survey_prefix.py)
    ("svy", None, "estimation.survey_prefix:cmd_svy", True, False),
    # estimation (commands/estimation/glm.py): single-level binary, count and ordinal models
    ("logit", 5, "estimation.glm:cmd_logit", False, True),
    ("stcox", 5, "estimation.stcox:cmd_stcox", False, True),
    ("streg", 5, "estimation.streg:cmd_streg", False, True),
    ("mestreg", 7, "estimation.mestreg:cmd_mestreg", True, False),
    ("stcrreg", 5, "estimation.stcrreg:cmd_stcrreg", False, True),
    ("logistic", 8, "estimation.glm:cmd_logistic", False, True),
    ("probit", 6, "estimation.glm:cmd_probit", False, True),
    ("tobit", 3, "estimation.vce_through_prefix:cmd_tobit", False, True),
    ("intreg", 6, "estimation.vce_through_prefix:cmd_intreg", False, True),
    ("cnreg", 3, "estimation.vce_through_prefix:cmd_cnreg", False, True),
    ("cloglog", 7, "estimation.glm:cmd_cloglog", False, True),
    ("poisson", 7, "estimation.glm:cmd_poisson", False, True),
    ("nbreg", 5, "estimation.glm:cmd_nbreg", False, True),
    ("zip", 3, "estimation.zero_inflated:cmd_zip", False, True),
    ("zinb", 4, "estimation.zero_inflated:cmd_zinb", False, True),
    ("heckman", 7, "estimation.heckman:cmd_heckman", False, True),
    ("heckprob", 8, "estimation.heckprob:cmd_heckprob", False, True),
    ("biprobit", 8, "estimation.biprobit:cmd_biprobit", False, True),
    ("gnbreg", 6, "estimation.gnbreg:cmd_gnbreg", False, True),
    ("ivprobit", 8, "estimation.ivprobit:cmd_ivprobit", False, True),
    ("ivpoisson", 9, "estimation.ivpoisson:cmd_ivpoisson", False, True),
    ("ivtobit", 7, "estimation.ivtobit:cmd_ivtobit", False, True),
    *((n, None, f"estimation.{n}:cmd_{n}", False, True) for n in ("fracreg", "binreg", "hetprob", "betareg", "scobit")),
    ("asclogit", None, "estimation.asclogit:cmd_asclogit", False, True),
    ("rologit", None, "estimation.rologit:cmd_rologit", False, True),
    ("mprobit", None, "estimation.mprobit:cmd_mprobit", False, True),
    ("slogit", None, "estimation.slogit:cmd_slogit", False, True),
    *((n, None, f"estimation.grouped_binary:cmd_{n}", False, True) for n in ("blogit", "bprobit", "glogit", "gprobit")),
    ("teffects", 8, "estimation.teffects:cmd_teffects", False, False),
    ("tebalance", 9, "postestimation.tebalance:cmd_tebalance", True, False),
    ("teoverlap", 9, "graphs.teoverlap:cmd_teoverlap", False, False),
    ("truncreg", 8, "estimation.truncreg:cmd_truncreg", False, True),
    ("frontier", None, "estimation.frontier:cmd_frontier", False, True),
    ("xtfrontier", None, "estimation.xtfrontier:cmd_xtfrontier", False, True),
    ("cnsreg", 6, "estimation.cnsreg:cmd_cnsreg", False, True),
    ("newey", 5, "estimation.newey:cmd_newey", False, True),
    ("eivreg", None, "estimation.eivreg:cmd_eivreg", False, True),
    ("boxcox", None, "estimation.boxcox:cmd_boxcox", False, True),
    ("sureg", 5, "estimation.linear_systems:cmd_sureg", False, True), ("mvreg", 5, "estimation.linear_systems:cmd_mvreg", False, True),
    ("reg3", 4, "estimation.reg3:cmd_reg3", True, True),
    ("manova", 6, "estimation.manova:cmd_manova", False, True), ("manovatest", 10, "postestimation.manovatest:cmd_manovatest", False, False),
    ("prais", None, "estimation.prais:cmd_prais", False, True),
    ("arima", None, "estimation.arima:cmd_arima", False, True),
    ("var", None, "estimation.vector_autoregression:cmd_var", False, True),
    *((n, None, f"estimation.vector_error_correction:cmd_{n}", False, True) for n in ("vec", "vecrank")),
    ("svar", None, "estimation.structural_var:cmd_svar", False, True),
    *((n, None, f"postestimation.vec_tests:cmd_{n}", False, False) for n in ("veclmar", "vecnorm", "vecstable")),
    *((n, None, f"postestimation.var_tests:cmd_{n}", False, False) for n in ("vargranger", "varstable", "varwle", "varnorm", "varlmar", "varsoc")),
    ("fcast", None, "postestimation.var_forecast:cmd_fcast", False, False), ("irf", None, "postestimation.var_irf:cmd_irf", False, False),
    ("varbasic", None, "postestimation.var_irf:cmd_varbasic", False, False),
    ("dfuller", None, "statistics.unit_root_tests:cmd_dfuller", False, True),
    ("pperron", None, "statistics.unit_root_tests:cmd_pperron", False, True),
    ("corrgram", None, "statistics.correlogram:cmd_corrgram", False, True),
    ("dfgls", None, "statistics.dfgls:cmd_dfgls", False, True),
    ("wntestq", None, "statistics.correlogram:cmd_wntestq", False, True),
    ("tssmooth", None, "statistics.tssmooth:cmd_tssmooth", False, False), ("tsfilter", None, "statistics.tsfilter:cmd_tsfilter", False, False), ("rolling", None, "statistics.rolling:cmd_rolling", True, False),
    ("ac", None, "graphs.autocorrelation_plots:cmd_ac", False, False),
    ("pac", None, "graphs.autocorrelation_plots:cmd_pac", False, False),
    ("pergram", None, "graphs.spectral_plots:cmd_pergram", False, False),
    ("cumsp", None, "graphs.spectral_plots:cmd_cumsp", False, False),
    ("xtpcse", None, "estimation.xtpcse:cmd_xtpcse", False, True),
    ("xtgls", None, "estimation.xtgls:cmd_xtgls", False, True),
    ("tpoisson", 8, "estimation.truncated_count:cmd_tpoisson", False, True),
    ("tnbreg", 6, "estimation.truncated_count:cmd_tnbreg", False, True),
    ("ztp", 3, "estimation.truncated_count:cmd_ztp", False, True),
    ("ztnb", 4, "estimation.truncated_count:cmd_ztnb", False, True),
    ("ologit", 6, "estimation.glm:cmd_ologit", False, True),
    ("oprobit", 7, "estimation.glm:cmd_oprobit", False, True),
    ("mlogit", 4, "estimation.mlogit:cmd_mlogit", False, True),
    ("glm", 3, "estimation.generalized_linear:cmd_glm", False, True),
    # graphs (commands/graphs/)
    ("twoway", 2, "graphs.twoway:cmd_twoway", True, False),
    ("scatter", 2, "graphs.twoway:cmd_scatter", True, False),
    ("line", 4, "graphs.twoway:cmd_line", True, False),
    ("graph", 2, "graphs.twoway:cmd_graph", True, False),
    ("marginsplot", 11, "graphs.marginsplot:cmd_marginsplot", False, False),
    ("combomarginsplot", None, "graphs.combomarginsplot:cmd_combomarginsplot", False, False),
    ("coefplot", None, "graphs.coefplot:cmd_coefplot", True, False),
    ("gr_edit", None, "graphs.manage:cmd_gr_edit", True, False),
    # Stata 17's tables of estimates and of summary statistics (commands/postestimation/etable.py,
    # commands/statistics/dtable.py)
    ("etable", None, "postestimation.etable:cmd_etable", True, False),
    ("dtable", None, "statistics.dtable:cmd_dtable", False, False),
    # community commands do-files assume installed (commands/community/), and installing them
    ("eststo", 6, "community.estout:cmd_eststo", True, True),
    ("esttab", 6, "community.estout:cmd_esttab", True, False),
    ("outreg2", 7, "community.outreg2:cmd_outreg2", True, False),
    ("asdoc", None, "community.asdoc:cmd_asdoc", True, False),
    ("estout", 6, "community.estout:cmd_estout", True, False),
    ("estadd", 6, "community.estout:cmd_estadd", True, False),
    ("estpost", 7, "community.estpost:cmd_estpost", False, False),
    ("ssc", 3, "community.packages:cmd_ssc", True, False),
    ("which", 5, "program.ado_files:cmd_which", True, False),
    ("distinct", 8, "community.distinct:cmd_distinct", False, True),  # distinct.ado 1.2.1: byable(recall)
    ("unique", None, "community.unique:cmd_unique", False, False),
    ("renvars", None, "community.renvars:cmd_renvars", False, False),  # renvars.ado 2.2.1 (SSC): not byable
    ("fs", None, "community.fs:cmd_fs", True, False),  # fs.ado 1.0.5 (SSC): rclass, not byable
    ("metareg", None, "community.metareg:cmd_metareg", False, False),  # metareg.ado 2.6.1 (SSC): eclass
    ("mdesc", None, "community.mdesc:cmd_mdesc", False, True),
    ("tabout", None, "community.tabout:cmd_tabout", True, False),  # tabout.ado 2.0.7 (SSC): not byable
    ("mltcooksd", None, "community.mltcooksd:cmd_mltcooksd", False, False),
    ("mltrsq", None, "community.mltrsq:cmd_mltrsq", False, False),
    ("psacalc", None, "community.psacalc:cmd_psacalc", False, False),  # psacalc.ado: rclass, not byable
    ("medeff", None, "community.medeff:cmd_medeff", True, False),  # medeff.ado: rclass, its own parsing of (eq) (eq)
    ("svylogitgof", None, "community.svylogitgof:cmd_svylogitgof", False, False),  # SJ st0099 (Archer-Lemeshow): rclass
    ("repest", None, "community.repest:cmd_repest", True, False),  # repest.ado 1.12.4: eclass, not byable
    ("pv", None, "community.pv:cmd_pv", True, False),  # pv.ado (SSC, revised syntax): eclass, not byable
    ("mlt2stage", None, "community.mlt2stage:cmd_mlt2stage", False, False),
    ("cibar", None, "community.cibar:cmd_cibar", False, False),  # cibar.ado 1.1.7 (SSC): not byable
    ("vioplot", None, "community.vioplot:cmd_vioplot", False, False),  # vioplot (SSC), from its help file: not byable
    ("sdecode", None, "community.sdecode:cmd_sdecode", False, False),  # sdecode.ado 20sep2013 (SSC): not byable
    ("ingap", None, "community.ingap:cmd_ingap", False, True),  # ingap.ado 24apr2009 (SSC): byable(onecall)
    ("listtab", None, "community.listtab:cmd_listtab", False, False),  # listtab.ado 04nov2012 (SSC): not byable
    ("xthybrid", None, "community.xthybrid:cmd_xthybrid", False, False),
    ("runmlwin", None, "community.runmlwin:cmd_runmlwin", True, False),
    ("mlmr2", None, "community.mlmr2:cmd_mlmr2", False, False),
    ("mltshowm", None, "community.mltshowm:cmd_mltshowm", False, False),
    ("center", None, "community.center:cmd_center", False, True),
    ("winsor2", None, "community.winsor2:cmd_winsor2", False, False),
    ("pscore", None, "community.pscore:cmd_pscore", False, False),  # pscore.ado 2.02 (SJ st0026_2): not byable
    ("randomtag", None, "community.randomtag:cmd_randomtag", False, False),  # randomtag.ado 1.1.0 (not byable)
    ("valuesof", None, "community.valuesof:cmd_valuesof", False, False),  # valuesof.ado 1.0.2 (not byable)
    ("zscore", None, "community.zscore:cmd_zscore", False, False),  # zscore.ado 2.0.1 (not byable)
    ("vreverse", None, "community.vreverse:cmd_vreverse", False, False),
    ("nscale", None, "community.nscale:cmd_nscale", False, False),  # nscale.ado 2.1.2/3.0: not byable
    ("xtmrho", None, "community.xtmrho:cmd_xtmrho", False, False),  # xtmrho.ado 2.0.1: eclass
    ("dummies", None, "community.dummies:cmd_dummies", False, False),
    ("prsnperd", None, "community.prsnperd:cmd_prsnperd", False, False),
    ("pgmhaz8", None, "community.pgmhaz8:cmd_pgmhaz8", False, False),  # pgmhaz8.ado 2.1.1 (byable: not here)
    ("seeout", None, "community.seeout:cmd_seeout", True, False),
    ("greshape", None, "community.greshape:cmd_greshape", True, False),
    ("xtpqml", None, "community.xtpqml:cmd_xtpqml", False, True),
    ("fitstat", 7, "community.fitstat:cmd_fitstat", False, False),
    ("mtable", None, "community.mtable:cmd_mtable", False, False),  # SPost13's mtable.ado 1.0.6: rclass
    ("rcsgen", 6, "community.rcsgen:cmd_rcsgen", False, False),
    ("xbrcspline", None, "community.xbrcspline:cmd_xbrcspline", False, False),  # xbrcspline.ado 1.0.1
    ("spagplot", None, "community.spagplot:cmd_spagplot", False, False),
    ("parmest", None, "community.parmest:cmd_parmest", False, False),
    ("regsave", None, "community.regsave:cmd_regsave", False, False),  # regsave.ado 1.4.4: rclass
    ("catplot", None, "community.catplot:cmd_catplot", False, False),
    ("khb", None, "community.khb:cmd_khb", True, False),
    ("reffadjust4nlcom", 16, "community.reffadjust4nlcom:cmd_reffadjust4nlcom", False, False),
    ("gllamm", 6, "community.gllamm:cmd_gllamm", True, False),
    ("gllapred", 8, "community.gllapred:cmd_gllapred", True, False),
    ("equation", 2, "community.gllamm_syntax:cmd_eq", True, False),
    ("cscript", None, "community.cscript:cmd_cscript", True, False),
    ("mkdirp", None, "community.cscript:cmd_mkdirp", True, False),
    ("xtrho", None, "community.xtrho:cmd_xtrho", False, False),
    ("xtserial", None, "community.xtserial:cmd_xtserial", False, False),
    ("xtcdf", None, "community.xtcdf:cmd_xtcdf", False, False),  # xtcdf.ado 1.0.0: rclass, not byable
    ("xtoverid", None, "community.xtoverid:cmd_xtoverid", False, False),  # xtoverid.ado 2.1.8: rclass
    ("xttest1", None, "community.xttest1:cmd_xttest1", False, False),
    ("eventstudyinteract", None, "community.eventstudyinteract:cmd_eventstudyinteract", False, False),
    ("xtpatternvar", None, "community.xtpatternvar:cmd_xtpatternvar", False, False),
    ("grc1leg", None, "community.grc1leg:cmd_grc1leg", True, False),
    ("grstyle", None, "community.grstyle:cmd_grstyle", True, False),
    ("frmttable", None, "community.frmttable:cmd_frmttable", True, False),
    ("outreg", None, "community.outreg:cmd_outreg", True, False),
    ("ira", None, "community.ira:cmd_ira", False, True),
    ("erepost", None, "community.erepost:cmd_erepost", True, False),
    ("eret2", None, "community.eret2:cmd_eret2", True, False),  # eret2.ado 1.0.0: eclass, not byable
    ("estfe", None, "community.estfe:cmd_estfe", True, False),  # estfe.ado (reghdfe package): not byable  # erepost.ado 1.0.2: eclass, not byable
    ("collin", None, "community.collin:cmd_collin", False, False),
    ("xtfeis", None, "community.xtfeis:cmd_xtfeis", False, False),  # xtfeis.ado 2.0: eclass, not byable
    ("xtart", None, "community.xtart:cmd_xtart", False, False),  # xtart.ado 1.0 (package xtfeis): rclass  # collin.ado 1.5.1: rclass, not byable
    ("xtbsht", None, "community.xtbsht:cmd_xtbsht", False, False),  # xtbsht.ado 1.0 (package xtfeis): rclass
    ("svypd", None, "community.svypd:cmd_svypd", False, False),  # svypd.ado 1.08 (VCQI): r() from svyp_ci_calc
    ("mimrgns", None, "community.mimrgns:cmd_mimrgns", False, False),  # mimrgns.ado 4.0.7 (SSC): margins after mi estimate
    ("qic", None, "community.qic:cmd_qic", False, False),  # qic.ado 1.1.9 (SSC, J. Cui): QIC and QIC_u of xtgee working correlations; rclass, not byable
    ("tabm", None, "community.tabm:cmd_tabm", False, True),  # tab_chi's tabm.ado 2.3.0 (SSC): stacked tabulate
    # twoway plot types that are Stata commands too (their own ado files: tsline.ado, tsrline.ado;
    # scatter and line above); every other plot type needs twoway, as in Stata ([G-2] graph
    # twoway: connected ... "is a plottype"): `connected y x` is unrecognized command r(199)
    ("lfit", None, "postestimation.binary_fit:cmd_lfit", True, False),  # alone after logit: estat gof
    ("tsline", None, "graphs.twoway:cmd_plot", True, False),
    ("tsrline", None, "graphs.twoway:cmd_plot", True, False),
    ("xtline", None, "graphs.panel_lines:cmd_xtline", False, False),
    ("histogram", 4, "graphs.histogram:cmd_histogram", False, False),
    ("kdensity", 8, "graphs.kdensity:cmd_kdensity", False, False),
    ("qnorm", 5, "graphs.quantile_plots:cmd_qnorm", False, False),
    ("pnorm", 5, "graphs.quantile_plots:cmd_pnorm", False, False),
    ("symplot", None, "graphs.distribution_diagnostics:cmd_symplot", False, False),
    ("quantile", None, "graphs.distribution_diagnostics:cmd_quantile", False, False),
    ("qqplot", None, "graphs.distribution_diagnostics:cmd_qqplot", False, False),
    ("qchi", None, "graphs.distribution_diagnostics:cmd_qchi", False, False),
    ("pchi", None, "graphs.distribution_diagnostics:cmd_pchi", False, False),
    ("qladder", None, "graphs.qladder:cmd_qladder", False, False),
    ("spikeplot", None, "graphs.spikeplot:cmd_spikeplot", False, False),
    ("serrbar", None, "graphs.serrbar:cmd_serrbar", False, False),
    ("screeplot", 5, "graphs.screeplot:cmd_screeplot", False, False),
    ("loadingplot", None, "graphs.multivariate_plots:cmd_loadingplot", False, False),
    ("scoreplot", None, "graphs.multivariate_plots:cmd_scoreplot", False, False),
    ("biplot", None, "graphs.biplot:cmd_biplot", False, False),
    ("lowess", 6, "graphs.lowess:cmd_lowess", False, False),
    ("lpoly", 5, "graphs.lpoly:cmd_lpoly", False, False),
    ("dotplot", None, "graphs.dotplot:cmd_dotplot", False, False),
    # regress's diagnostic plots ([R] regress postestimation diagnostic plots; no abbreviations)
    ("rvfplot", None, "graphs.residual_plots:cmd_rvfplot", False, False),
    ("rvpplot", None, "graphs.residual_plots:cmd_rvpplot", False, False),
    ("lvr2plot", None, "graphs.residual_plots:cmd_lvr2plot", False, False),
    ("avplot", None, "graphs.added_variable_plots:cmd_avplot", False, False),
    ("avplots", None, "graphs.added_variable_plots:cmd_avplots", False, False),
    ("cprplot", None, "graphs.component_plots:cmd_cprplot", False, False),
    ("acprplot", None, "graphs.component_plots:cmd_acprplot", False, False),
    # after logit/logistic/probit (commands/postestimation/binary_fit.py, commands/graphs/roc_curves.py)
    ("lstat", None, "postestimation.binary_fit:cmd_lstat", False, False),
    ("lroc", None, "graphs.roc_curves:cmd_lroc", False, False),
    ("lsens", None, "graphs.roc_curves:cmd_lsens", False, False),
    ("roccomp", None, "graphs.roc_comparison:cmd_roccomp", False, False),
    # after stcox and streg (commands/graphs/survival_curves.py)
    ("stcurve", None, "graphs.survival_curves:cmd_stcurve", False, False),
    ("stphplot", None, "graphs.proportional_hazards_plots:cmd_stphplot", False, False),
    ("stcoxkm", None, "graphs.proportional_hazards_plots:cmd_stcoxkm", False, False),
]

# Byable commands that compute within by-groups themselves (_n/_N/sum() per group).
_BY_NATIVE = {"generate", "replace", "egen", "keep", "drop", "ipolate", "ci", "eststo", "center", "ingap"}

COMMANDS: tuple[CommandSpec, ...] = tuple(
    CommandSpec(name, abbrev, _P + target, raw, byable, name in _BY_NATIVE)
    for name, abbrev, target, raw, byable in _TABLE
)

# Stata's short forms that are not prefixes of the full name, or that the prefix
# rule would resolve differently.
ALIASES: dict[str, str] = {
    "sum": "summarize",
    "tab": "tabulate",
    "gen": "generate",
    "reg": "regress",
    "est": "estimates",
    # bs.ado, bstrap.ado, jknife.ado and jacknife.ado: the prefixes' synonyms (neither prefix
    # abbreviates: [R] bootstrap and [R] jackknife underline no letters of their names)
    "bs": "bootstrap",
    "bstrap": "bootstrap",
    "jknife": "jackknife",
    "jacknife": "jackknife",
    # the manuals' names of heckprob and hetprob (Stata 16's [R] heckprobit; [R] hetprobit)
    "heckprobit": "heckprob",
    "hetprobit": "hetprob",
}


def lookup(word: str) -> CommandSpec:
    """The command a typed word names (exact name, alias, or a long-enough abbreviation)."""
    spec = _resolve_word(word)
    if spec is None:
        from mlmcli.graphs.syntax import PLOT_TYPES

        if word in PLOT_TYPES:  # `connected y x`: Stata's r(199); mlm's hint points to twoway
            raise StataError(f"unrecognized command:  {word}\n(did you mean twoway {word}?)", 199)
        raise unrecognized_command(ALIASES.get(word, word), command_names())
    return spec


@lru_cache(maxsize=4096)
def _resolve_word(word: str) -> CommandSpec | None:
    # the registry is a tuple fixed at import: each word is resolved once (a program's lines
    # look their command up on every call)
    return resolve_abbreviation(ALIASES.get(word, word), COMMANDS)


def command_spec(word: str) -> CommandSpec | None:
    """The built-in command a typed word names (abbreviations allowed), None when none does."""
    try:
        return _resolve_word(word)
    except StataError:  # an ambiguous abbreviation names no one command
        return None


def user_program(session, word: str, load: bool = True) -> bool:
    """Whether ``word`` runs a program: one in memory, or -- when no built-in command has that
    name (built-ins win over ado-files, [U] 17.5) -- one that ``word.ado`` along the ado-path
    defines, loaded now (commands/program/ado_files.py; ``load`` False: only whether there is
    such a file, so that the loading happens under the line's prefixes, capture among them).
    The one place an unknown command word is looked for as a user's ado-file."""
    if word in session.programs:
        return True
    if command_spec(word) is not None:
        return False
    if not load:
        return bool(lookup("which").function("find_ado")(session, word))
    return bool(lookup("which").function("load_ado")(session, word))


def full_command_name(word: str) -> str:
    """The registered command a typed word names, in full; the word itself when none does
    (a prefix's command mlm lacks is named as typed in its message)."""
    try:
        return lookup(word).name
    except StataError:
        return word


def command_names() -> list[str]:
    """Every full command name (for tab completion)."""
    return sorted({s.name for s in COMMANDS})
