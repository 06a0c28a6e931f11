SELECT weight, label, count(*) AS n FROM label_links GROUP BY weight, label
