// The program's administration as thin queries, in parts by feature; the transactions, audit rows
// and refusals that compose them are lib/server/program.
export { insertNextEarnRuleVersion, listEarnRuleVersions } from "./earn-rule";
export { listTiers, tierRows, tierExists, activeRewardGatedOn, deleteTier, upsertTier, type TierInput, type TierRow } from "./tiers";
export { listAllRewards, rewardRow, lockReward, upsertReward, updateReward, deactivateAllRewards, insertPoolCodes, countFreePoolCodes, type RewardRow } from "./rewards";
export { getProgramSettings, getProgramLaunch, type ProgramSettings } from "./settings";
export { exportProgram } from "./document";
export { listAllTasks, lockTask, upsertTask, deactivateAllTasks, type TaskRow } from "./tasks";
export { lockProgram, updateProgram, insertProgramIfMissing, type ProgramRow } from "./shared";
export {
  getScheduledChange,
  lockScheduledChange,
  putScheduledChange,
  cancelScheduledChange,
  scheduledKinds,
  type ScheduledKind,
  type ScheduledChange,
  type ScheduledPayload,
} from "./scheduled";
