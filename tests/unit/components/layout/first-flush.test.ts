import { isValidElement, Suspense, type ReactElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FirstFlush } from '@/components/layout/first-flush';
import { resetConfigForTests } from '@/lib/config';

const fallback = 'skeleton';
const draw = (value: string): ReactNode => `page of ${value}`;
const after = <T,>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

function withWait(ms: string | undefined) {
  process.env.BUNGIE_SIMULATOR_URL = 'http://127.0.0.1:3100';
  if (ms === undefined) delete process.env.SKELETON_AFTER_MS;
  else process.env.SKELETON_AFTER_MS = ms;
  resetConfigForTests();
}

/** What the streamed branch draws once its data comes: the Suspense child rendered as the server would. */
async function streamedChild(element: ReactElement<{ fallback: ReactNode; children: ReactElement<{ data: Promise<string>; children: typeof draw }> }>) {
  const child = element.props.children;
  const render = child.type as (props: typeof child.props) => Promise<ReactNode>;
  return render(child.props);
}

afterEach(() => {
  delete process.env.SKELETON_AFTER_MS;
  resetConfigForTests();
});

describe('FirstFlush', () => {
  it('draws the page itself, no Suspense, when the data comes within SKELETON_AFTER_MS (150 ms by default)', async () => {
    withWait(undefined);
    const out = await FirstFlush({ data: after(20, 'vault'), fallback, children: draw });
    expect(out).toBe('page of vault');
  });

  it('hands back the skeleton in a Suspense boundary when the data takes longer, and the page once it comes', async () => {
    withWait('50');
    const started = Date.now();
    const out = await FirstFlush({ data: after(400, 'vault'), fallback, children: draw });
    // It stopped waiting at 50 ms, long before the data.
    expect(Date.now() - started).toBeLessThan(390);
    expect(isValidElement(out)).toBe(true);
    const boundary = out as ReactElement<{ fallback: ReactNode; children: ReactElement<{ data: Promise<string>; children: typeof draw }> }>;
    expect(boundary.type).toBe(Suspense);
    expect(boundary.props.fallback).toBe('skeleton');
    expect(await streamedChild(boundary)).toBe('page of vault');
  });

  it('with SKELETON_AFTER_MS=0 always streams, even data that is already there', async () => {
    withWait('0');
    const out = await FirstFlush({ data: Promise.resolve('vault'), fallback, children: draw });
    expect(isValidElement(out) && out.type).toBe(Suspense);
  });

  it('throws a failure that comes within the wait (the error page shows it), and leaves a later one to the stream', async () => {
    withWait('100');
    await expect(FirstFlush({ data: Promise.reject(new Error('database down')), fallback, children: draw })).rejects.toThrow('database down');
    const late = new Promise<string>((_, reject) => setTimeout(reject, 200, new Error('Bungie down')));
    const out = (await FirstFlush({ data: late, fallback, children: draw })) as Parameters<typeof streamedChild>[0];
    expect(out.type).toBe(Suspense);
    await expect(streamedChild(out)).rejects.toThrow('Bungie down');
  });
});
