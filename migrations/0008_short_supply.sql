CREATE TABLE `borrow_snapshots` (
	`symbol` text NOT NULL,
	`taken_at` text NOT NULL,
	`fee_rate` real,
	`rebate_rate` real,
	`available` real,
	`available_capped` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `taken_at`)
);
--> statement-breakpoint
CREATE INDEX `borrow_snapshots_published` ON `borrow_snapshots` (`published_on`);--> statement-breakpoint
CREATE TABLE `fails_to_deliver` (
	`symbol` text NOT NULL,
	`settlement_date` text NOT NULL,
	`cusip` text NOT NULL,
	`quantity` real NOT NULL,
	`price` real,
	`description` text,
	`file` text NOT NULL,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `settlement_date`, `cusip`)
);
--> statement-breakpoint
CREATE INDEX `fails_to_deliver_published` ON `fails_to_deliver` (`published_on`);--> statement-breakpoint
CREATE TABLE `options_snapshots` (
	`symbol` text NOT NULL,
	`date` text NOT NULL,
	`taken_at` text NOT NULL,
	`underlying_price` real,
	`call_volume` real NOT NULL,
	`put_volume` real NOT NULL,
	`call_open_interest` real NOT NULL,
	`put_open_interest` real NOT NULL,
	`near_money_call_open_interest` real,
	`iv30` real,
	`contracts` real NOT NULL,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `date`)
);
--> statement-breakpoint
CREATE TABLE `threshold_list` (
	`symbol` text NOT NULL,
	`date` text NOT NULL,
	`market` text NOT NULL,
	`name` text,
	`source` text NOT NULL,
	`published_on` text NOT NULL,
	PRIMARY KEY(`symbol`, `date`, `market`)
);
--> statement-breakpoint
CREATE INDEX `threshold_list_date` ON `threshold_list` (`date`);