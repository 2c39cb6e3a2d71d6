CREATE TABLE `card_marks` (
	`meeting_id` text NOT NULL,
	`card_id` text NOT NULL,
	`participant_id` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `card_id`, `participant_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`card_id` text NOT NULL,
	`participant_id` text,
	`author_name` text,
	`stakeholder_group` text,
	`mode` text,
	`text` text NOT NULL,
	`hidden` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comments_meeting_idx` ON `comments` (`meeting_id`,`card_id`);--> statement-breakpoint
CREATE TABLE `record_tags` (
	`meeting_id` text NOT NULL,
	`target` text NOT NULL,
	`target_id` text NOT NULL,
	`tag` text NOT NULL,
	`user_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `target`, `target_id`, `tag`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `on_screen_comment_id` text;