// Named formats that messages use, on the server (request.ts) and in the shopper screens' islands
// (island-text.tsx).
export const FORMATS = {
  number: { points: { maximumFractionDigits: 0 } },
};
