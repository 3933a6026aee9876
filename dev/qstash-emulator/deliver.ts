/** One message to deliver: where, what, and how to sign it (afresh per attempt, as each has its own expiry). */
export type Outgoing = { messageId: string; url: string; body: string; headers: Record<string, string>; sign: () => string };

/** A delivery as the emulator records it (the last attempt's status, or the network error). */
export type Delivery = { messageId: string; url: string; attempts: number; status: number | null; error?: string; answer?: string; state: 'pending' | 'delivered' | 'failed' };

/**
 * POSTs a signed message to its destination, retrying a 5xx or a network error `retries` times
 * like QStash (which then moves it to its DLQ). A 2xx–4xx ends it: QStash does not retry a 4xx
 * other than 429 either.
 */
export function deliver(out: Outgoing, retries: number, retryDelayMs: number, log: (line: string) => void): { delivery: Delivery; done: Promise<Delivery> } {
  const delivery: Delivery = { messageId: out.messageId, url: out.url, attempts: 0, status: null, state: 'pending' };
  const done = (async () => {
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
      delivery.attempts++;
      try {
        const response = await fetch(out.url, {
          method: 'POST',
          headers: { ...out.headers, 'upstash-signature': out.sign(), 'upstash-message-id': out.messageId, 'upstash-retried': String(attempt) },
          body: out.body,
        });
        delivery.status = response.status;
        delivery.answer = (await response.text()).slice(0, 2000);
        delete delivery.error;
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    }
    delivery.state = delivery.status !== null && delivery.status < 300 ? 'delivered' : 'failed';
    log(`qstash: ${out.messageId} → ${out.url}: ${delivery.status ?? delivery.error} after ${delivery.attempts} attempt(s)`);
    return delivery;
  })();
  return { delivery, done };
}
