CREATE TABLE `user_prefs` (
	`user_id` text PRIMARY KEY NOT NULL,
	`time_zone` text,
	`chart_range` text,
	`digest` integer,
	`notify` text DEFAULT '{}' NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
