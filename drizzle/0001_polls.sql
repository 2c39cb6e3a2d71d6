CREATE TABLE `ballots` (
	`poll_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`choice` text NOT NULL,
	`stakeholder_group` text,
	`mode` text,
	`revision` integer NOT NULL,
	`cast_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `participant_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poll_options` (
	`poll_id` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	PRIMARY KEY(`poll_id`, `id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`item_id` text,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`question` text NOT NULL,
	`max_picks` integer,
	`word_limit` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`results_visible` integer DEFAULT false NOT NULL,
	`results_view` text DEFAULT 'overall' NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	`final_results` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `polls_meeting_idx` ON `polls` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `text_moderation` (
	`poll_id` text NOT NULL,
	`key` text NOT NULL,
	`status` text NOT NULL,
	PRIMARY KEY(`poll_id`, `key`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `meetings` ADD `on_screen_poll_id` text;