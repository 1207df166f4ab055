// Tasks as members submit them and staff moderate them: checks under the member's lock, payouts
// and challenge bonuses once. The rules are lib/loyalty/tasks.ts and gamification.ts; the SQL lib/db/queries/tasks.
export { photoUploadRefusal, submitTask, type SubmitOutcome } from "./submit";
export { moderateSubmission } from "./moderation";
