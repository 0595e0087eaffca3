* stopearly.do -- exit leaves a do-file before its end (help exit).
display "this line runs"
exit
display "this line does not"
