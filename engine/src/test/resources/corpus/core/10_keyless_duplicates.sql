SELECT sensor, value, note FROM readings
