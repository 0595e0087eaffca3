* settings.do -- local macros that help include brings into the caller.
local outcome mathach
local predictors ses i.sector
