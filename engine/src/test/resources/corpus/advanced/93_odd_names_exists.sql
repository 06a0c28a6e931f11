SELECT "Key", "Value Col" FROM "Odd Table" o WHERE EXISTS (SELECT 1 FROM scores s WHERE s.game = o."select")
