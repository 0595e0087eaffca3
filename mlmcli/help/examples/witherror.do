* witherror.do -- a do-file with a failing command (help do, option nostop).
display "before the error"
summarize nosuchvariable
display "after the error"
