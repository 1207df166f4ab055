// The words of a support conversation, shared by the schema, the services and the screens. Pure.

/**
 * - open: waiting for staff (with no assignee it is "unassigned" in the inbox);
 * - waiting: staff answered, waiting for the shopper;
 * - closed: resolved or closed (a new message from the shopper reopens it).
 * A conversation the assistant is still answering is open with `handed_over_at` null: staff's
 * inbox shows conversations once handed over (or started as a claim).
 */
export const conversationStatuses = ["open", "waiting", "closed"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** Where a message came in or went out. */
export const conversationChannels = ["app", "whatsapp", "sms", "email"] as const;
export type ConversationChannel = (typeof conversationChannels)[number];

export const conversationAuthors = ["shopper", "assistant", "staff", "system"] as const;
export type ConversationAuthor = (typeof conversationAuthors)[number];
