SELECT DISTINCT e.kind, s.region FROM events e JOIN shipments s ON s.id = e.n
