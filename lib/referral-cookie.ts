// The friend's attribution: the code they arrived with, kept for the program's attribution days.
export const REFERRAL_COOKIE = "treue_ref";
