const PIECES = Array.from({ length: 18 }, (_, i) => i);
const COLOURS = ["#136441", "#fbc53d", "#07251a", "#259b63"];

/** A short confetti fall over the parent (which must be `relative`); absent under reduced motion. */
export function Confetti() {
  return (
    <div aria-hidden="true" className="pointer-events-none absolute inset-0 overflow-hidden motion-reduce:hidden">
      {PIECES.map((i) => (
        <span
          key={i}
          className="treue-confetti absolute top-0 block h-2.5 w-1.5 rounded-sm"
          style={{ left: `${(i * 53) % 100}%`, background: COLOURS[i % COLOURS.length], animationDelay: `${(i % 6) * 0.15}s` }}
        />
      ))}
    </div>
  );
}
