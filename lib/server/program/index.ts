// Administering the program from the console: each change in one transaction with its audit row,
// refused with a ConsoleError when it may not be made. The SQL is lib/db/queries/console-program.
export { saveEarnRule } from "./earn-rule";
export { saveTiers, type TiersChange } from "./tiers";
export { saveReward, addRewardCodes, setRewardImage } from "./rewards";
export { saveProgramSettings, launchProgram, saveJourney, setBrandingLogo } from "./settings";
export { importProgram } from "./document";
export { saveTask, saveChallenges } from "./tasks";
export { scheduleChange, applyDueChanges, type DueChangesOutcome } from "./scheduled";
