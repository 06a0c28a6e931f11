SELECT id, kind, n FROM events
