import { describe, expect, it } from 'vitest';
import { deviceOf, isPhoneUserAgent } from '@/lib/http/device';

// User-Agents as the browsers send them.
const PHONES = {
  'Chrome on a Pixel (reduced User-Agent)': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
  'Samsung Internet on a Galaxy': 'Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
  'Firefox on an Android phone': 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  'Safari on an iPhone': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Chrome on an iPhone': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  'an iPod touch': 'Mozilla/5.0 (iPod touch; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1',
};
const DESKTOPS = {
  'Chrome on an Android tablet': 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  'Firefox on an Android tablet': 'Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0',
  'Safari on an iPad before iPadOS 13': 'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  'Safari on an iPad since iPadOS 13 (a Mac’s)': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Chrome on Windows': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  'Firefox on Linux': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'headless Chromium': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  'curl': 'curl/8.5.0',
  'no User-Agent': '',
};

describe('isPhoneUserAgent: a phone by its User-Agent; tablets count as desktops', () => {
  it.each(Object.entries(PHONES))('%s is a phone', (_, ua) => {
    expect(isPhoneUserAgent(ua)).toBe(true);
  });
  it.each(Object.entries(DESKTOPS))('%s is not', (_, ua) => {
    expect(isPhoneUserAgent(ua)).toBe(false);
  });
});

describe('deviceOf: Sec-CH-UA-Mobile when sent, else the User-Agent', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('takes the client hint over the User-Agent, both ways', () => {
    expect(deviceOf(headers({ 'Sec-CH-UA-Mobile': '?1', 'User-Agent': DESKTOPS['Chrome on Windows'] }))).toBe('phone');
    // A phone asking for the desktop site, or Chrome on a tablet: Chromium says ?0.
    expect(deviceOf(headers({ 'Sec-CH-UA-Mobile': '?0', 'User-Agent': PHONES['Chrome on a Pixel (reduced User-Agent)'] }))).toBe('desktop');
  });

  it('falls back to the User-Agent without the hint (Safari and Firefox send none) or with one it cannot read', () => {
    expect(deviceOf(headers({ 'User-Agent': PHONES['Safari on an iPhone'] }))).toBe('phone');
    expect(deviceOf(headers({ 'User-Agent': DESKTOPS['Firefox on Linux'] }))).toBe('desktop');
    expect(deviceOf(headers({ 'Sec-CH-UA-Mobile': 'maybe', 'User-Agent': PHONES['Firefox on an Android phone'] }))).toBe('phone');
    expect(deviceOf(headers({}))).toBe('desktop');
  });
});
