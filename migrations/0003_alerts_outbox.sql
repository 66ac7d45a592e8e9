CREATE TABLE `alert_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer,
	`chat_id` text,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`value` text,
	`at` text NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_actions_alert` ON `alert_actions` (`alert_id`);--> statement-breakpoint
CREATE TABLE `alert_mutes` (
	`chat_id` text NOT NULL,
	`symbol` text NOT NULL,
	`until` text NOT NULL,
	`muted_by` text NOT NULL,
	`muted_at` text NOT NULL,
	PRIMARY KEY(`chat_id`, `symbol`)
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`symbol` text,
	`severity` text NOT NULL,
	`score` real,
	`fuel` real,
	`trigger` real,
	`as_of` text,
	`run_id` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`components` text,
	`dedupe_key` text,
	`created_at` text NOT NULL,
	`acked_by` text,
	`acked_at` text,
	`feedback` integer,
	`escalated_at` text
);
--> statement-breakpoint
CREATE INDEX `alerts_symbol` ON `alerts` (`kind`,`symbol`,`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_created` ON `alerts` (`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_dedupe` ON `alerts` (`dedupe_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `bot_flags` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`alert_id` integer,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`external_message_id` text,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_alert` ON `outbox` (`alert_id`);--> statement-breakpoint
CREATE TABLE `quiet_hours` (
	`chat_id` text PRIMARY KEY NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL
);
