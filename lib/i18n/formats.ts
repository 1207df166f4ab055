// Named formats that messages use, on the server (request.ts) and in the shopper screens' islands
// (island-text.tsx). The production build precompiles the catalogues, and a precompiled message
// knows no built-in named style: `{at, date, medium}` needs `medium` here.
export const FORMATS = {
  number: { points: { maximumFractionDigits: 0 } },
  dateTime: { medium: { day: "numeric", month: "short", year: "numeric" } },
} as const;
