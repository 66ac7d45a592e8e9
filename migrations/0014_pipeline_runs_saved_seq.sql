ALTER TABLE `pipeline_runs` ADD `saved_seq` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- runs saved before this column: rowid is the order SQLite saved them in
UPDATE `pipeline_runs` SET `saved_seq` = rowid;
