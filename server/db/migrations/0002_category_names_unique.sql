-- Live categories that already share a name within a store keep the oldest as it is; the others get a number.
UPDATE "menu_categories" AS c
SET "name" = left(d."name", 36) || ' ' || d."rn"
FROM (
  SELECT "id", "name", row_number() OVER (PARTITION BY "store_id", lower("name") ORDER BY "created_at", "id") AS "rn"
  FROM "menu_categories"
  WHERE "deleted_at" IS NULL
) AS d
WHERE c."id" = d."id" AND d."rn" > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "menu_categories_store_name_live_key" ON "menu_categories" USING btree ("store_id",lower("name")) WHERE "menu_categories"."deleted_at" IS NULL;
