// Web Push end to end: a shop order → the outbox → web-push (encrypted, VAPID-signed) → a push
// service → the service worker → a notification whose tap opens the screen it names.
import { expect, test } from "@playwright/test";
import { controlledByWorker, serviceWorkerDomain, signIn, uniqueEmail } from "./helpers";
import { startPushService, type PushService } from "./push-service";
import { orderPaid, postSigned } from "./shop";

let service: PushService;
test.beforeEach(async () => {
  service = await startPushService();
});
test.afterEach(async () => {
  await service.close();
});

test("a shop order reaches the shopper as a push naming the points, and its tap opens History", async ({ page, context, request, baseURL }) => {
  await context.grantPermissions(["notifications"]);
  const email = uniqueEmail("push");
  await signIn(page, email, "/profile");
  await expect(page.getByRole("heading", { level: 2, name: "Mitteilungen" })).toBeVisible();
  await controlledByWorker(page);
  await expect(page.getByTestId("push-toggle")).toHaveAttribute("data-state", "off");

  // The browser's subscription, as PushSubscription.toJSON() gives it, registered like the switch does.
  const saved = await page.evaluate(
    (subscription) => fetch("/api/push/subscriptions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(subscription) }).then((r) => r.status),
    service.subscription,
  );
  expect(saved).toBe(201);
  const subscribe = (body: string) =>
    page.evaluate((b) => fetch("/api/push/subscriptions", { method: "POST", headers: { "content-type": "application/json" }, body: b }).then(async (r) => ({ status: r.status, body: await r.json() })), body);
  expect(await subscribe(JSON.stringify({ ...service.subscription, endpoint: "http://evil.example/x" }))).toMatchObject({
    status: 400,
    body: { type: "urn:treue:problem:invalid-input", status: 400, title: "Ungültige Eingabe", detail: "Der Endpunkt muss eine https-Adresse sein.", reason: "not-https" },
  });
  expect(await subscribe(JSON.stringify({ endpoint: service.subscription.endpoint, keys: { p256dh: "x", auth: "y" } }))).toMatchObject({
    status: 400,
    body: { detail: "Dieses Push-Abo ist ungültig: „keys.p256dh“ fehlt oder passt nicht." },
  });
  // The server would POST to whatever a subscription names: only the push services, never elsewhere in the network.
  for (const endpoint of ["https://127.0.0.1/x", "https://10.0.0.8/push/1", "https://169.254.169.254/latest/meta-data", "https://evil.example/push"]) {
    const answer = await page.evaluate(
      (body) => fetch("/api/push/subscriptions", { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (r) => ({ status: r.status, body: await r.json() })),
      JSON.stringify({ ...service.subscription, endpoint }),
    );
    expect(answer, endpoint).toMatchObject({ status: 400, body: { type: "urn:treue:problem:invalid-input", detail: "Der Endpunkt gehört zu keinem bekannten Push-Dienst.", reason: "unknown-push-service" } });
  }

  const customer = `cust-push-${Date.now()}`;
  const order = await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${customer}`, `ord-${customer}`, customer, 4_321, email)));
  expect(order.status()).toBe(200);
  const { points_delta: points, balance } = await order.json();
  expect(points).toBeGreaterThan(0);

  const message = await service.nextMessage();
  const payload = JSON.parse(message);
  expect(payload).toMatchObject({ title: `+${points} Punkte`, body: `Danke für deine Bestellung! Dein neuer Stand: ${balance} Punkte.`, url: "/history" });

  // The push service hands the message to the browser; Chromium's DevTools protocol plays that part.
  const { cdp, registrationId } = await serviceWorkerDomain(context, page, `${baseURL}/`);
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: baseURL!, registrationId, data: message });
  const shown = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data as unknown })),
    );
  await expect.poll(shown).toEqual([{ title: `+${points} Punkte`, body: payload.body, data: { url: "/history", id: payload.id } }]);

  // Chromium offers no way to click a notification from a test; the worker's own click handler
  // runs on a synthetic event instead: it reports the open and sends the open window to the link.
  const opened = context.waitForEvent("request", (r) => r.url().endsWith("/api/push/opened"));
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(async () => {
    const sw = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent: (e: Event) => boolean };
    const [notification] = await sw.registration.getNotifications();
    const NotificationEventCtor = (globalThis as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
    sw.dispatchEvent(new NotificationEventCtor("notificationclick", { notification: notification! }));
  });
  await expect(page).toHaveURL(/\/history$/);
  expect(JSON.parse((await opened).postData() ?? "{}")).toEqual({ id: payload.id });
  await expect.poll(shown).toEqual([]);
});
