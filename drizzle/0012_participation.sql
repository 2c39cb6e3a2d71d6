CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`name` text NOT NULL,
	`reference` text NOT NULL,
	`stakeholder_group` text,
	`participant_id` text,
	`claimed_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_meeting_idx` ON `invitations` (`meeting_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_reference_idx` ON `invitations` (`meeting_id`,`reference`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `participation` text DEFAULT 'anyone' NOT NULL;