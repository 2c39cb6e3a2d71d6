ALTER TABLE `floor_requests` ADD `affiliation` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `affiliation` text;--> statement-breakpoint
ALTER TABLE `users` ADD `display_name` text;--> statement-breakpoint
ALTER TABLE `users` ADD `affiliation` text;