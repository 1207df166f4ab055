// The words of the error screens. They render in the browser when something broke, so they are
// kept here as plain strings rather than in the message catalogue: an error boundary is part of
// every screen's first script, and the catalogue's runtime would weigh on each of them.
export const BOUNDARY_TEXT = {
  de: {
    title: "Da ist etwas schiefgelaufen",
    body: "Deine Punkte und Prämien sind sicher. Versuche es gleich noch einmal.",
    retry: "Noch einmal versuchen",
    home: "Zur Startseite",
    reference: "Fehlernummer",
  },
  en: {
    title: "Something went wrong",
    body: "Your points and rewards are safe. Please try again in a moment.",
    retry: "Try again",
    home: "Go to the start page",
    reference: "Error reference",
  },
} as const;

export type BoundaryLocale = keyof typeof BOUNDARY_TEXT;

/** The page's language as the server set it (<html lang>), German when it is neither. */
export function boundaryLocale(lang: string | undefined): BoundaryLocale {
  return lang?.startsWith("en") ? "en" : "de";
}
