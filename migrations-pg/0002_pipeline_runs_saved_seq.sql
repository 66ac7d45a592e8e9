ALTER TABLE "pipeline_runs" ADD COLUMN "saved_seq" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- runs saved before this column, in the order they started
UPDATE "pipeline_runs" AS p SET "saved_seq" = r.n FROM (SELECT "id", row_number() OVER (ORDER BY "started_at", "id") AS n FROM "pipeline_runs") AS r WHERE p."id" = r."id";
