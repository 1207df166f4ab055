// The background jobs by name and schedule (lib/jobs/definitions.ts runs them): plain data, so
// the console's pages, forms and validation can name them without pulling in the jobs' code
// (mail rendering must stay out of the server components' bundle).
export const JOB_NAMES = ["upkeep", "journeys", "campaigns", "scheduled-changes", "insights-refresh", "push-delivery", "mail-delivery", "sms-delivery", "whatsapp-delivery", "shop-discounts", "wallet-updates"] as const;
export type JobName = (typeof JOB_NAMES)[number];

const MINUTE = 60_000;

export type JobSchedule = {
  name: JobName;
  /** When it runs (cron, the program's time zone); deliveries also run when nudged. */
  cron: string;
  /** The in-process runner's interval. */
  everyMs: number;
};

export const JOB_SCHEDULES = {
  upkeep: { name: "upkeep", cron: "7 * * * *", everyMs: 60 * MINUTE },
  journeys: { name: "journeys", cron: "17 * * * *", everyMs: 60 * MINUTE },
  campaigns: { name: "campaigns", cron: "* * * * *", everyMs: MINUTE },
  scheduledChanges: { name: "scheduled-changes", cron: "* * * * *", everyMs: MINUTE },
  insights: { name: "insights-refresh", cron: "*/10 * * * *", everyMs: 10 * MINUTE },
  push: { name: "push-delivery", cron: "* * * * *", everyMs: 15_000 },
  mail: { name: "mail-delivery", cron: "* * * * *", everyMs: 15_000 },
  sms: { name: "sms-delivery", cron: "* * * * *", everyMs: 15_000 },
  whatsapp: { name: "whatsapp-delivery", cron: "* * * * *", everyMs: 15_000 },
  shopDiscounts: { name: "shop-discounts", cron: "* * * * *", everyMs: 5_000 },
  wallet: { name: "wallet-updates", cron: "* * * * *", everyMs: MINUTE },
} satisfies Record<string, JobSchedule>;

export const JOB_SCHEDULE_LIST: JobSchedule[] = Object.values(JOB_SCHEDULES);
