SELECT c.id, c.day AS year, extract(year FROM make_date(c.year, c.month, c.day)) AS y FROM calendar c WHERE c.month = 1 AND day > 1
