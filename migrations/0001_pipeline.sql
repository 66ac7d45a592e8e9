CREATE TABLE `adhoc_candidates` (
	`symbol` text PRIMARY KEY NOT NULL,
	`reason` text,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`status` text NOT NULL,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `adhoc_candidates_status` ON `adhoc_candidates` (`status`,`expires_at`);--> statement-breakpoint
CREATE TABLE `pipeline_eliminations` (
	`run_id` text NOT NULL,
	`symbol` text NOT NULL,
	`stage` text NOT NULL,
	`criterion` text NOT NULL,
	`value` real,
	`threshold` real,
	`detail` text,
	PRIMARY KEY(`run_id`, `symbol`),
	FOREIGN KEY (`run_id`) REFERENCES `pipeline_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pipeline_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`as_of` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`health_score` real,
	`fallback_detected` integer DEFAULT false NOT NULL,
	`error` text,
	`summary` text
);
--> statement-breakpoint
CREATE INDEX `pipeline_runs_as_of` ON `pipeline_runs` (`as_of`,`kind`);--> statement-breakpoint
CREATE TABLE `pipeline_stages` (
	`run_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`symbols_in` integer NOT NULL,
	`symbols_out` integer NOT NULL,
	`criteria` text NOT NULL,
	`eliminated` integer NOT NULL,
	`elimination_reasons` text NOT NULL,
	`duration_ms` real NOT NULL,
	`errors` text NOT NULL,
	`fallback` text,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `pipeline_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `symbol_scores` (
	`as_of` text NOT NULL,
	`symbol` text NOT NULL,
	`run_id` text NOT NULL,
	`rank` integer,
	`score` real NOT NULL,
	`fuel` real,
	`trigger` real,
	`level` text,
	`weight_set` text NOT NULL,
	`components` text NOT NULL,
	`missing` text NOT NULL,
	`level_notes` text NOT NULL,
	`metrics` text NOT NULL,
	`flags` text NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`as_of`, `symbol`)
);
--> statement-breakpoint
CREATE INDEX `symbol_scores_symbol` ON `symbol_scores` (`symbol`,`as_of`);