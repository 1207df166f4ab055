// Kinds of news a shopper can switch off one by one, per channel (Profile → Mitteilungen).
// "offers" and "tasks" are marketing: by e-mail only with confirmed consent (lib/loyalty/messaging.ts).
export const notificationCategories = ["points", "tier", "expiring", "tasks", "referral", "task_result", "offers"] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
