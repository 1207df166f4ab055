/** Sent by the root layout once React has hydrated the page: held early taps may now run (early-taps.ts). */
export const HYDRATED_EVENT = "treue:hydrated";
