CREATE TABLE `telegram_inbox` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`chat_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`claimed_by` text,
	`lease_until` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`received_at` text NOT NULL,
	`done_at` text
);
--> statement-breakpoint
CREATE INDEX `telegram_inbox_chat` ON `telegram_inbox` (`chat_id`,`status`,`update_id`);--> statement-breakpoint
CREATE INDEX `telegram_inbox_done` ON `telegram_inbox` (`status`,`done_at`);