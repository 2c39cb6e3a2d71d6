/** An agreed topic stays in the record once declared; withdrawing it is a change, not a deletion. */
export const TOPIC_STATUSES = ['agreed', 'withdrawn'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

/** What happened to an agreed topic, in its history. */
export const TOPIC_CHANGES = ['declared', 'reworded', 'withdrawn'] as const;
export type TopicChange = (typeof TOPIC_CHANGES)[number];
