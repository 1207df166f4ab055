/** The end of every task form: what went wrong (read out when it changes) and the send button. */
export function SubmitRow({ problem, problemId, pending, label }: { problem: string; problemId?: string; pending: boolean; label: string }) {
  return (
    <>
      <p id={problemId} role="status" className="text-sm font-medium text-red-700">
        {problem}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="inline-flex min-h-12 w-full items-center justify-center rounded-2xl bg-brand-700 px-5 text-base font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {label}
      </button>
    </>
  );
}
