CREATE TABLE `market_writes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dataset` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`symbols` text,
	`rows` integer NOT NULL
);
