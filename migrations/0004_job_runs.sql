CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`trigger` text NOT NULL,
	`for_date` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`error` text,
	`stats` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job` ON `job_runs` (`job`,`started_at`);--> statement-breakpoint
CREATE INDEX `job_runs_started` ON `job_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `missed_opportunities` (
	`origin` text NOT NULL,
	`as_of` text NOT NULL,
	`symbol` text NOT NULL,
	`run_id` text,
	`stage` text NOT NULL,
	`criterion` text NOT NULL,
	`value` real,
	`threshold` real,
	`detail` text,
	`score` real,
	`features` text NOT NULL,
	`price` real NOT NULL,
	`peak_price` real NOT NULL,
	`peak_return` real NOT NULL,
	`days_to_peak` integer NOT NULL,
	`found_at` text NOT NULL,
	PRIMARY KEY(`origin`, `as_of`, `symbol`)
);
--> statement-breakpoint
CREATE INDEX `missed_opps_origin` ON `missed_opportunities` (`origin`,`as_of`);--> statement-breakpoint
CREATE TABLE `tracked_recommendations` (
	`id` text PRIMARY KEY NOT NULL,
	`origin` text NOT NULL,
	`symbol` text NOT NULL,
	`as_of` text NOT NULL,
	`discovered_at` text,
	`run_id` text,
	`reason` text NOT NULL,
	`alert_id` integer,
	`rank` integer,
	`price` real NOT NULL,
	`score` real NOT NULL,
	`fuel` real,
	`trigger` real,
	`level` text,
	`features` text NOT NULL,
	`thesis` text NOT NULL,
	`price_1d` real,
	`return_1d` real,
	`price_7d` real,
	`return_7d` real,
	`price_14d` real,
	`return_14d` real,
	`price_30d` real,
	`return_30d` real,
	`last_price` real,
	`last_return` real,
	`days_tracked` integer DEFAULT 0 NOT NULL,
	`peak_price` real,
	`peak_return` real,
	`days_to_peak` integer,
	`max_drawdown` real,
	`outcome` text,
	`success` integer,
	`failure` integer,
	`status` text NOT NULL,
	`updated_at` text
);
--> statement-breakpoint
CREATE INDEX `tracked_recs_origin` ON `tracked_recommendations` (`origin`,`as_of`);--> statement-breakpoint
CREATE INDEX `tracked_recs_status` ON `tracked_recommendations` (`status`,`as_of`);--> statement-breakpoint
CREATE INDEX `tracked_recs_symbol` ON `tracked_recommendations` (`symbol`);