// The client data layer for values a screen keeps current by itself (TanStack Query): one
// QueryClient per tab, loaded only once something may have changed (live-channel.ts wakes it). It refetches on focus and on reconnect (the
// library's own managers), when another tab says something changed (BroadcastChannel), and
// when a push for this shopper arrives (the service worker tells its windows).
import { MutationObserver, QueryClient, QueryObserver, type QueryKey } from "@tanstack/react-query";
import { CHANGED, CHANNEL } from "./live-channel";

let client: QueryClient | null = null;

function queryClient(): QueryClient {
  if (client) return client;
  // Back online, whatever was shown may have changed meanwhile, however recently it was read.
  const created = new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, refetchOnReconnect: "always", retry: 1 } } });
  if ("BroadcastChannel" in window) {
    new BroadcastChannel(CHANNEL).addEventListener("message", (event: MessageEvent<{ type?: string; keys?: string[] }>) => {
      if (event.data?.type === CHANGED) for (const key of event.data.keys ?? []) void created.invalidateQueries({ queryKey: [key] });
    });
  }
  navigator.serviceWorker?.addEventListener("message", (event: MessageEvent<{ type?: string }>) => {
    // A push is about this shopper's points, tier or rewards: whatever is on screen may be stale.
    if (event.data?.type === "PUSH_RECEIVED") void created.invalidateQueries();
  });
  // What QueryClientProvider would do: subscribe to the focus and online managers.
  created.mount();
  client = created;
  return created;
}

/**
 * Keeps `onData` told of `url`'s JSON under `key`, starting from what the server rendered
 * (`initial`, read at `initialAt`) without fetching it again. Returns the unsubscribe.
 */
export function watch<T>(key: QueryKey, url: string, initial: T, initialAt: number, onData: (data: T) => void): () => void {
  const observer = new QueryObserver<T>(queryClient(), {
    queryKey: key,
    queryFn: async ({ signal }) => {
      const response = await fetch(url, { signal, headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return (await response.json()) as T;
    },
    initialData: initial,
    initialDataUpdatedAt: initialAt,
  });
  return observer.subscribe((result) => {
    if (result.data !== undefined) onData(result.data);
  });
}

/** Reads `key` again now (the reason that woke the data layer up). */
export function refresh(key: QueryKey): void {
  // Several components on a screen wake at once: the first one's read serves them all.
  void queryClient().invalidateQueries({ queryKey: key }, { cancelRefetch: false });
}

/** A mutation the server answered but did not carry out (a refused redemption, say). */
class NotAccepted<R> extends Error {
  constructor(readonly result: R) {
    super("not accepted");
  }
}

type Optimistic<T, R> = {
  key: QueryKey;
  /** What the screen shows now, should nothing have read `key` in this tab yet. */
  shown: T;
  /** What `key` will be once the mutation is done. */
  apply: (current: T) => T;
  mutate: () => Promise<R>;
  /** Whether the server carried the mutation out. */
  accepted: (result: R) => boolean;
};

/**
 * Runs `mutate` while `key` already shows what it will be afterwards (an optimistic update),
 * puts back what was shown when it fails or the server refuses it, and reads `key` again either
 * way. Resolves to the server's answer; rejects when the mutation could not be sent.
 */
export async function mutateOptimistically<T, R>({ key, shown, apply, mutate, accepted }: Optimistic<T, R>): Promise<R> {
  const client = queryClient();
  const observer = new MutationObserver<R, Error, void, { previous: T }>(client, {
    mutationFn: async () => {
      const result = await mutate();
      if (!accepted(result)) throw new NotAccepted(result);
      return result;
    },
    onMutate: async () => {
      // A read on its way would overwrite the optimistic value with the one before.
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<T>(key) ?? shown;
      client.setQueryData<T>(key, apply(previous));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context) client.setQueryData<T>(key, context.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  try {
    return await observer.mutate();
  } catch (error) {
    if (error instanceof NotAccepted) return error.result as R;
    throw error;
  } finally {
    observer.reset();
  }
}
