CREATE TABLE `floor_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`participant_id` text,
	`name` text NOT NULL,
	`stakeholder_group` text,
	`mode` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`requested_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `floor_requests_meeting_idx` ON `floor_requests` (`meeting_id`,`status`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `alternate_floor` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `speaking_seconds` integer DEFAULT 180 NOT NULL;