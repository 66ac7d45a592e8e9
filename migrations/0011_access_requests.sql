CREATE TABLE `access_requests` (
	`user_id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`chat_id` text NOT NULL,
	`requested_at` text NOT NULL,
	`status` text NOT NULL,
	`role` text,
	`decided_by` text,
	`decided_at` text
);
