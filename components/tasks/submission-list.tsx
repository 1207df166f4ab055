/** A titled list of the shopper's submissions, one line each: the task and where it stands. */
export type SubmissionLine = { key: string; title: string; status: string; statusClassName: string };

export function SubmissionList({ id, heading, lines, testId, tone = "plain" }: { id: string; heading: string; lines: SubmissionLine[]; testId: string; tone?: "plain" | "waiting" }) {
  if (lines.length === 0) return null;
  const waiting = tone === "waiting";
  return (
    <section aria-labelledby={id} className={`rounded-3xl border p-5 ${waiting ? "border-amber-200 bg-amber-50" : "border-stone-200 bg-white"}`}>
      <h2 id={id} className={`text-base font-semibold ${waiting ? "text-amber-950" : ""}`}>
        {heading}
      </h2>
      <ul className={`mt-2 divide-y ${waiting ? "divide-amber-100" : "divide-stone-100"}`}>
        {lines.map((line) => (
          <li key={line.key} className="flex justify-between gap-3 py-2.5 text-sm" data-testid={testId}>
            <span>{line.title}</span>
            <span className={line.statusClassName}>{line.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
