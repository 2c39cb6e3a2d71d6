CREATE TABLE `agreed_topic_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` text NOT NULL,
	`change` text NOT NULL,
	`wording` text NOT NULL,
	`user_id` text,
	`role` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `agreed_topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agreed_topic_changes_topic_idx` ON `agreed_topic_changes` (`topic_id`);--> statement-breakpoint
CREATE TABLE `agreed_topics` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text,
	`poll_id` text,
	`position` integer NOT NULL,
	`wording` text NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreed_topics_meeting_idx` ON `agreed_topics` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `record_texts` (
	`meeting_id` text NOT NULL,
	`key` text NOT NULL,
	`text` text NOT NULL,
	`revision` integer NOT NULL,
	`user_id` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `key`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `ended_at` integer;--> statement-breakpoint
ALTER TABLE `meetings` ADD `peak_connected` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `peak_in_room` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `peak_remote` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `gender` text;