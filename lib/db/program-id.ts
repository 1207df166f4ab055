/** Each deployment runs one program today; the id leaves room for more. */
export const PROGRAM_ID = "default";
