"""Multiple imputation: the layouts of mi data (styles) and Rubin's combination rules."""
