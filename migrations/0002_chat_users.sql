CREATE TABLE `chat_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL
);
