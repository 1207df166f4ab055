// Runs once when a Next.js server starts, before it answers requests: checks the
// configuration, opens and migrates the database, and seeds the demo shop when asked.
// Anything wrong stops the server with one line instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
