// Kinds of news a shopper can switch off one by one (Profile → Mitteilungen).
export const notificationCategories = ["points", "tier", "expiring", "tasks", "referral", "task_result"] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
