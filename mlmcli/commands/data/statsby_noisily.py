"""What ``statsby ..., noisily`` (and ``trace``, which implies it) prints besides the command's
own output, as statsby.ado (Stata 12's 3.4.0 and Stata 16's 3.6.0 agree) prints it::

    statsby: First call to summarize with data as is:
    (blank)
    . summarize y
    <the command's output on the base population>
    (blank)
    statsby legend:                       (_prefix_legend's heading under noisily)
    (blank)
          command:  summarize y
    ...
    (blank)
    Statsby groups                        (_dots 0, title() nodots: no ruler, no dots)
    (blank)
    running (summarize y) on group 1      (PostGroups's ``noi di``; "subset" with subsets)
    (blank)
    . summarize y
    <the command's output on the group>
    ...

A group whose run fails shows the command's message (``capture noisily``), then "captured error
running (command), posting missing values"; an expression that cannot be evaluated "captured
error in exp, posting missing value" ({p 0 0 2} paragraphs).  ``total``'s run has no heading:
PostGroups runs it with plain ``capture``.  ``trace`` traces each group's run after its echo
(and the total's), not the first call (which statsby.ado runs without ``set trace on``).
"""
from __future__ import annotations


def first_call_lines(cmdname: str, command: str) -> list[str]:
    """statsby.ado's heading before it runs the command on the base population."""
    return [f"statsby: First call to {cmdname} with data as is:", "", f". {command}"]


def run_heading_lines(command: str, what: str, count: int) -> list[str]:
    """PostGroups's lines before a group's (or subset's) run: ``_n "running (cmd) on group #" _n``
    and the echo."""
    return ["", f"running ({command}) on {what} {count}", "", f". {command}"]


def captured_error_lines(command: str, failed_exps: list[str] | None, linesize: int) -> list[str]:
    """PostGroups's messages after a run: ``failed_exps`` None when the command failed, else the
    expressions whose evaluation failed."""
    from mlmcli.render.lrtest import wrap_paragraph

    if failed_exps is None:
        texts = [f"captured error running ({command}), posting missing values"]
    else:
        texts = [f"captured error in {exp}, posting missing value" for exp in failed_exps]
    return [line for text in texts for line in wrap_paragraph(text, linesize, hanging=0)]
