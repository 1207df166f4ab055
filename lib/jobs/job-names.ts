// The background jobs by name (lib/jobs/definitions.ts runs them): pure, so the console's forms
// and validation can name them without pulling the jobs' server code into the browser.
export const JOB_NAMES = ["upkeep", "scheduled-changes", "insights-refresh", "push-delivery"] as const;
export type JobName = (typeof JOB_NAMES)[number];
