import { describe, expect, it } from 'vitest';
import { e2eBaseUrl } from '../support/browser';

// Issue 17's findings 3, 4, 6 and 7 against the built app: every request goes through proxy.ts
// and Next's own server, as an attacker's would.
const get = (path: string, init?: RequestInit) => fetch(`${e2eBaseUrl()}${path}`, { redirect: 'manual', ...init });
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |node_modules|\.tsx?:\d+/);

async function actionField(): Promise<string> {
  const landing = await (await get('/')).text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(landing)?.[1];
  if (!field) throw new Error('the landing page names no server action');
  return field;
}

describe('hostile input the review found answered with 500 (real server)', () => {
  it.each(['__proto__', 'constructor', 'toString', 'valueOf'])('GET /auth/error?error=%s is the sign-in error page, 200', async (code) => {
    const response = await get(`/auth/error?error=${code}`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('The sign-in could not be completed.');
    noStackTrace(html);
  });

  it('a cross-site form post to / naming a server action (multipart, as a browser posts it) is a 403 with a sentence', async () => {
    const form = new FormData();
    form.set(await actionField(), '');
    const response = await get('/', { method: 'POST', body: form, headers: { origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'cross_site', message: 'This request came from another site and was refused.' } });
  });

  it('the same post over 1 MB is a 413 with a sentence', async () => {
    const form = new FormData();
    form.set(await actionField(), '');
    form.set('pad', 'x'.repeat(1_100_000));
    const response = await get('/', { method: 'POST', body: form, headers: { origin: e2eBaseUrl() } });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('The request body is larger than 1 MB.');
  });

  it('/_next/image optimizes nothing: Bungie CDN, local and foreign URLs all get a 404', async () => {
    for (const url of ['https://www.bungie.net/common/destiny2_content/icons/x.jpg', '/favicon.ico', 'https://evil.example/a.png']) {
      const response = await get(`/_next/image?url=${encodeURIComponent(url)}&w=96&q=75`);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type') ?? '', url).not.toMatch(/^image\//);
    }
  });

  it('/api/manifest/status tells a signed-out visitor the current version only', async () => {
    const body = (await (await get('/api/manifest/status')).json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['current']);
    if (body.current !== null) expect(Object.keys(body.current as object).sort()).toEqual(['activatedAt', 'version']);
  });
});
