SELECT "Key", "Value Col", "select" FROM "Odd Table"
