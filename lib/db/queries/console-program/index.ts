// What the console changes in the program (earn rule, tiers, rewards, tasks, settings, the document, scheduled changes): the queries, in parts by feature.
export { saveEarnRule, listEarnRuleVersions } from "./earn-rule";
export { saveTiers, listTiers, type TierInput } from "./tiers";
export { saveReward, listAllRewards, addRewardCodes, setRewardImage, type RewardRow } from "./rewards";
export { getProgramSettings, saveProgramSettings, launchProgram, getProgramLaunch, saveJourney, setBrandingLogo, type ProgramSettings } from "./settings";
export { exportProgram, importProgram } from "./document";
export { listAllTasks, saveTask, saveChallenges, type TaskRow } from "./tasks";
export { scheduleChange, getScheduledChange, cancelScheduledChange, applyDueChanges, type ScheduledKind, type ScheduledChange } from "./scheduled";
