// A file imported with "?raw" is its text (next.config.js for the app's build; vitest does it itself).
declare module "*?raw" {
  const source: string;
  export default source;
}
