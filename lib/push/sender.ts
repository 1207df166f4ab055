// What the outbox worker needs from a push service: one delivery to one subscription.

export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/** The payload the service worker reads (lib/pwa/sw.js, "push" event). */
export type PushPayload = { id: string; title: string; body: string; url: string; tag: string };

export type SendResult =
  | { outcome: "delivered" }
  /** 404/410: the browser unsubscribed or the subscription expired; it will never work again. */
  | { outcome: "gone" }
  | { outcome: "failed"; error: string };

export type PushSender = (target: PushTarget, payload: PushPayload) => Promise<SendResult>;
