SELECT sensor, stddev_samp(value), var_pop(value) FROM readings GROUP BY sensor
