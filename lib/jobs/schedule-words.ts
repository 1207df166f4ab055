// A job's schedule as words for the console: the message key under console.jobs.every and its
// values, so the page says "stündlich um :07" or "every hour at :07" in its own language.
// It reads the cron forms the job definitions use (lib/jobs/job-names.ts) and, for the embedded
// runner, the plain interval; anything else is shown as written rather than described wrongly.

export type ScheduleWords =
  | { key: "minute" | "hour"; values: Record<string, never> }
  | { key: "minutes"; values: { n: number } }
  | { key: "seconds"; values: { n: number } }
  | { key: "hourlyAt"; values: { minute: string } }
  | { key: "dailyAt"; values: { time: string } }
  | { key: "cron"; values: { cron: string } };

const two = (n: number) => String(n).padStart(2, "0");
const field = (text: string, max: number): number | null => (/^\d{1,2}$/.test(text) && Number(text) <= max ? Number(text) : null);

/** Words for a five-field cron expression: every minute, every n minutes, hourly at :mm, daily at hh:mm. */
export function cronWords(cron: string): ScheduleWords {
  const parts = cron.trim().split(/\s+/);
  if (parts.length === 5 && parts.slice(2).every((p) => p === "*")) {
    const [minute, hour] = parts as [string, string];
    if (hour === "*") {
      if (minute === "*") return { key: "minute", values: {} };
      const step = /^\*\/(\d{1,2})$/.exec(minute);
      if (step && Number(step[1]) >= 1 && Number(step[1]) < 60) return Number(step[1]) === 1 ? { key: "minute", values: {} } : { key: "minutes", values: { n: Number(step[1]) } };
      const m = field(minute, 59);
      if (m !== null) return { key: "hourlyAt", values: { minute: two(m) } };
    } else {
      const [m, h] = [field(minute, 59), field(hour, 23)];
      if (m !== null && h !== null) return { key: "dailyAt", values: { time: `${two(h)}:${two(m)}` } };
    }
  }
  return { key: "cron", values: { cron } };
}

/** Words for the embedded runner's interval (milliseconds). */
export function intervalWords(everyMs: number): ScheduleWords {
  if (everyMs < 60_000) return { key: "seconds", values: { n: Math.max(1, Math.round(everyMs / 1000)) } };
  if (everyMs === 3_600_000) return { key: "hour", values: {} };
  const minutes = Math.round(everyMs / 60_000);
  return minutes === 1 ? { key: "minute", values: {} } : { key: "minutes", values: { n: minutes } };
}
