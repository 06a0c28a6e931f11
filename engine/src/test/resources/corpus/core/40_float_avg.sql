SELECT sensor, avg(value) AS mean FROM readings GROUP BY sensor
