SELECT "Value Col" AS "Label", sum("select") AS "Sum" FROM "Odd Table" GROUP BY "Value Col"
