// Lets a bench import the app's server modules without the react-server condition (which the
// mail templates cannot run under: react-dom/server refuses it): "server-only" becomes a no-op.
const resolved = require.resolve("server-only");
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: {} };
