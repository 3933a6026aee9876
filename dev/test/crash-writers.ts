/**
 * The crash drill's writers: signed-in players creating, renaming and deleting loadouts through the
 * app's HTTP routes, each keeping a model of what the server acknowledged — so that after a SIGKILL
 * and a restart, what the server holds can be checked against it: every acknowledged write present
 * ("lost" otherwise), nothing acknowledged-deleted back ("phantom"). A write whose answer never
 * came (the kill cut it) may have happened or not: either is accepted, and the model adopts it.
 */

/** A loadout as the model expects it: its name, and names sent in renames that were not answered. */
type Expected = { name: string; maybe: Set<string> };

/** Seeded PRNG (mulberry32): the same seed makes the same choices. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one verification after a restart found. */
export type Verdict = { lost: string[]; phantom: string[]; sessionsLost: number };

/** One signed-in player writing loadouts, with the model of what the server acknowledged. */
export class LoadoutWriter {
  /** Acknowledged writes (2xx answers) over the whole drill. */
  acknowledged = 0;
  private readonly present = new Map<string, Expected>();
  private readonly deleted = new Set<string>();
  /** Names sent in creates whose answer never came: such a loadout may exist. */
  private readonly maybeCreated = new Set<string>();
  /** Ids whose delete was never answered: such a loadout may be gone or not. */
  private readonly maybeDeleted = new Set<string>();
  private counter = 0;

  constructor(
    private readonly appUrl: string,
    private readonly cookie: string,
    private readonly characterId: string,
    private readonly tag: string,
    private readonly random: () => number,
  ) {}

  /** The answer's status and text, or null when it never fully came (the app died under it). */
  private async request(method: string, path: string, body?: unknown): Promise<{ status: number; text: string } | null> {
    const headers: Record<string, string> = { cookie: this.cookie, origin: this.appUrl };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(`${this.appUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
      return { status: response.status, text: await response.text() };
    } catch {
      return null;
    }
  }

  /** Writes until `running()` turns false; a failed request (the app died) ends the loop. */
  async run(running: () => boolean): Promise<void> {
    while (running()) {
      const ids = [...this.present.keys()];
      const roll = this.random();
      // Stay well under the 100 loadouts a player may keep.
      const ok = ids.length >= 60 ? await this.remove(ids) : ids.length < 3 || roll < 0.45 ? await this.create() : roll < 0.75 ? await this.rename(ids) : await this.remove(ids);
      if (!ok) return;
    }
  }

  private pick(ids: string[]): string {
    return ids[Math.floor(this.random() * ids.length)]!;
  }

  // Each returns false when the answer never came: the app was killed under the request.
  private async create(): Promise<boolean> {
    const name = `${this.tag}-${++this.counter}`;
    this.maybeCreated.add(name);
    const response = await this.request('POST', '/api/loadouts', { name, characterId: this.characterId });
    if (!response) return false;
    if (response.status >= 500) return true;
    this.maybeCreated.delete(name);
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${response.text}`);
    const { loadout } = JSON.parse(response.text) as { loadout: { id: string } };
    this.present.set(loadout.id, { name, maybe: new Set() });
    this.acknowledged++;
    return true;
  }

  private async rename(ids: string[]): Promise<boolean> {
    const id = this.pick(ids);
    const name = `${this.tag}-${++this.counter}`;
    const expected = this.present.get(id)!;
    expected.maybe.add(name);
    const response = await this.request('PATCH', `/api/loadouts/${id}`, { name });
    if (!response) return false;
    if (response.status >= 500) return true;
    if (response.status !== 200) throw new Error(`rename answered ${response.status}: ${response.text}`);
    this.present.set(id, { name, maybe: new Set() });
    this.acknowledged++;
    return true;
  }

  private async remove(ids: string[]): Promise<boolean> {
    const id = this.pick(ids);
    this.maybeDeleted.add(id);
    const response = await this.request('DELETE', `/api/loadouts/${id}`);
    if (!response) return false;
    if (response.status >= 500) return true;
    if (response.status !== 200 && response.status !== 204) throw new Error(`delete answered ${response.status}: ${response.text}`);
    this.maybeDeleted.delete(id);
    this.present.delete(id);
    this.deleted.add(id);
    this.acknowledged++;
    return true;
  }

  /** Compares the server's list with the model, then makes the model what the server holds. */
  async verify(): Promise<Verdict> {
    const response = await this.request('GET', '/api/loadouts');
    if (!response) throw new Error('listing loadouts got no answer after the restart.');
    if (response.status === 401) return { lost: [], phantom: [], sessionsLost: 1 };
    if (response.status !== 200) throw new Error(`listing loadouts answered ${response.status}: ${response.text}`);
    const { loadouts } = JSON.parse(response.text) as { loadouts: Array<{ id: string; name: string }> };
    const found = new Map(loadouts.map((l) => [l.id, l.name]));
    const lost: string[] = [];
    const phantom: string[] = [];
    for (const [id, expected] of this.present) {
      const name = found.get(id);
      if (name === undefined) {
        if (this.maybeDeleted.has(id)) this.present.delete(id);
        else lost.push(`${id} (${expected.name})`);
      } else if (name !== expected.name) {
        if (expected.maybe.has(name)) this.present.set(id, { name, maybe: new Set() });
        else lost.push(`${id} (${expected.name}, found "${name}")`);
      } else expected.maybe.clear();
    }
    for (const [id, name] of found) {
      if (this.present.has(id)) continue;
      if (this.deleted.has(id)) phantom.push(`${id} (${name})`);
      else if (this.maybeCreated.has(name)) this.present.set(id, { name, maybe: new Set() });
      else phantom.push(`${id} (${name}, never written)`);
    }
    this.maybeCreated.clear();
    this.maybeDeleted.clear();
    return { lost, phantom, sessionsLost: 0 };
  }
}
