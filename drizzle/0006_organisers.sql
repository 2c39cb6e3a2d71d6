ALTER TABLE `meetings` ADD `start_time` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `passcode` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `agenda_revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `removed_at` integer;