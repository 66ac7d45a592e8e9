CREATE TABLE `position_trades` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`quantity` real NOT NULL,
	`price` real NOT NULL,
	`trade_date` text NOT NULL,
	`thesis` text,
	`thesis_metrics` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `position_trades_user` ON `position_trades` (`user_id`,`symbol`,`id`);