import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildManifestZip, generateManifest } from '@/dev/bungie-sim/index';

describe('the simulator manifest zip cache (BUNGIE_SIM_MANIFEST_CACHE, used by bench:manifest)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    delete process.env.BUNGIE_SIM_MANIFEST_CACHE;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the zip built for the same content, and builds anew when the content differs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vr-sim-cache-'));
    dirs.push(dir);
    process.env.BUNGIE_SIM_MANIFEST_CACHE = dir;
    const data = generateManifest({ itemCount: 40 });
    const first = await buildManifestZip(data);
    expect(readdirSync(dir)).toHaveLength(1);
    const again = await buildManifestZip(generateManifest({ itemCount: 40 }));
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    // Another size, or the same items padded differently: another file.
    await buildManifestZip(generateManifest({ itemCount: 41 }));
    await buildManifestZip({ ...data, padBytes: 500 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.zip'))).toHaveLength(3);
  }, 60_000);
});
