CREATE TABLE `daily_bars` (
	`symbol` text NOT NULL,
	`date` text NOT NULL,
	`open` real,
	`high` real,
	`low` real,
	`close` real NOT NULL,
	`adj_close` real,
	`volume` real NOT NULL,
	`vwap` real,
	`trades` integer,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `date`)
);
--> statement-breakpoint
CREATE INDEX `daily_bars_date` ON `daily_bars` (`date`);--> statement-breakpoint
CREATE TABLE `dataset_status` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset` text NOT NULL,
	`date` text,
	`kind` text NOT NULL,
	`origin` text NOT NULL,
	`status` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`checksum` text,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dataset_status_dataset` ON `dataset_status` (`dataset`,`date`);--> statement-breakpoint
CREATE TABLE `otc_weekly` (
	`symbol` text NOT NULL,
	`week_start` text NOT NULL,
	`tier` text NOT NULL,
	`summary_type` text NOT NULL,
	`mpid` text DEFAULT '' NOT NULL,
	`firm_name` text,
	`issue_name` text,
	`shares` real NOT NULL,
	`trades` integer,
	`notional` real,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `week_start`, `tier`, `summary_type`, `mpid`)
);
--> statement-breakpoint
CREATE INDEX `otc_weekly_week` ON `otc_weekly` (`week_start`);--> statement-breakpoint
CREATE TABLE `provider_health` (
	`provider` text PRIMARY KEY NOT NULL,
	`calls` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`total_ms` real DEFAULT 0 NOT NULL,
	`last_status` text,
	`last_error` text,
	`last_success_at` text,
	`last_failure_at` text,
	`circuit_state` text DEFAULT 'closed' NOT NULL,
	`circuit_opened_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `short_interest` (
	`symbol` text NOT NULL,
	`settlement_date` text NOT NULL,
	`source` text NOT NULL,
	`short_interest` real NOT NULL,
	`previous_short_interest` real,
	`avg_daily_volume` real,
	`days_to_cover_reported` real,
	`change_percent` real,
	`change_shares` real,
	`short_percent_float` real,
	`float_shares` real,
	`issue_name` text,
	`market_class` text,
	`exchange_code` text,
	`revision_flag` integer DEFAULT false NOT NULL,
	`split_flag` integer DEFAULT false NOT NULL,
	`published_on` text NOT NULL,
	`fetched_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`symbol`, `settlement_date`, `source`)
);
--> statement-breakpoint
CREATE INDEX `short_interest_settlement` ON `short_interest` (`settlement_date`);--> statement-breakpoint
CREATE INDEX `short_interest_published` ON `short_interest` (`published_on`);--> statement-breakpoint
CREATE TABLE `short_interest_quality` (
	`symbol` text NOT NULL,
	`settlement_date` text NOT NULL,
	`completeness` real NOT NULL,
	`freshness` real NOT NULL,
	`consistency` real NOT NULL,
	`agreement` real,
	`overall` real NOT NULL,
	`notes` text NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`symbol`, `settlement_date`)
);
--> statement-breakpoint
CREATE TABLE `short_volume` (
	`symbol` text NOT NULL,
	`date` text NOT NULL,
	`facility` text NOT NULL,
	`short_volume` real NOT NULL,
	`short_exempt_volume` real,
	`total_volume` real NOT NULL,
	`markets` text,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `date`, `facility`)
);
--> statement-breakpoint
CREATE TABLE `symbols` (
	`symbol` text PRIMARY KEY NOT NULL,
	`name` text,
	`exchange` text,
	`type` text,
	`is_etf` integer DEFAULT false NOT NULL,
	`is_test_issue` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`market_cap` real,
	`float_shares` real,
	`shares_outstanding` real,
	`sector` text,
	`source` text NOT NULL,
	`as_of` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trades_daily` (
	`symbol` text NOT NULL,
	`date` text NOT NULL,
	`buy_volume` real NOT NULL,
	`sell_volume` real NOT NULL,
	`unclassified_volume` real NOT NULL,
	`trade_count` integer NOT NULL,
	`method` text NOT NULL,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `date`)
);
