CREATE INDEX `ballots_participant_idx` ON `ballots` (`participant_id`);--> statement-breakpoint
CREATE INDEX `card_marks_participant_idx` ON `card_marks` (`participant_id`);--> statement-breakpoint
CREATE INDEX `question_votes_participant_idx` ON `question_votes` (`participant_id`);--> statement-breakpoint
CREATE INDEX `questions_participant_idx` ON `questions` (`participant_id`);