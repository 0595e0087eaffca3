"""Time-series engines (prais, dfuller/pperron/dfgls, corrgram/wntestq): arrays in, numbers out."""
