SELECT id, url FROM events_web
