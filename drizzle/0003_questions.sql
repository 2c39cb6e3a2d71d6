CREATE TABLE `question_votes` (
	`question_id` text NOT NULL,
	`participant_id` text NOT NULL,
	PRIMARY KEY(`question_id`, `participant_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`participant_id` text,
	`author_name` text,
	`stakeholder_group` text,
	`mode` text,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`asked_at` integer NOT NULL,
	`answered_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questions_meeting_idx` ON `questions` (`meeting_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `premoderation` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `on_screen_question_id` text;