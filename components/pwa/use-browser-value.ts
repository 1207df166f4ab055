import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * A value only the browser knows (platform, permission), read once hydrated: the server and the
 * first client render both use `onServer`, so nothing mismatches.
 */
export function useBrowserValue<T>(read: () => T, onServer: T): T {
  return useSyncExternalStore(never, read, () => onServer);
}
