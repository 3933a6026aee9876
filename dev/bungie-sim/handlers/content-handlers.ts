import { deflateSync } from 'node:zlib';
import { http, HttpResponse } from 'msw';
import type { SimCore } from '../core';
import { drawIcon, iconLook } from '../icons';
import { contentPaths } from '../manifest/generate-manifest';
import { hashString } from '../prng';
import { count } from './platform';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * A 96×96 PNG: a generated item's glyph on its rarity's colour (see icons.ts), else a colour derived
 * from the name with a darker diagonal. Stable per icon.
 */
export function iconPng(name: string): Uint8Array {
  const size = 96;
  const h = hashString(name);
  const [r, g, b] = [(h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  const look = iconLook(name);
  const rows = look ? drawIcon(look, size) : Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size && !look; y++) {
    const row = y * (size * 3 + 1);
    for (let x = 0; x < size; x++) {
      const dark = Math.abs(x - y) < 6 ? 0.5 : 1;
      rows.set([Math.floor(r * dark), Math.floor(g * dark), Math.floor(b * dark)], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

/** The CDN side: manifest content (zip and JSON) for every published version, and icons. */
export function contentHandlers(core: SimCore) {
  const findVersion = (file: string) => [...core.state.versions.values()].find((v) => file.includes(v.contentId));
  return [
    http.get('*/common/destiny2_content/sqlite/en/:file', async ({ params }) => {
      count(core, 'ManifestContent');
      const file = String(params.file);
      const data = findVersion(file);
      const zip = data && file === contentPaths(data).sqlite.split('/').pop() ? core.zipFor(data.contentId) : undefined;
      if (!zip) return new HttpResponse('Not Found', { status: 404 });
      const bytes = await zip;
      return new HttpResponse(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) } });
    }),
    http.get('*/common/destiny2_content/json/en/:file', ({ params }) => {
      count(core, 'ManifestJson');
      const file = String(params.file);
      const data = findVersion(file);
      if (!data) return new HttpResponse('Not Found', { status: 404 });
      const tableOf = (rows: Map<number, object>) => Object.fromEntries(rows);
      if (file.startsWith('aggregate-')) return HttpResponse.json(Object.fromEntries([...data.tables].map(([name, rows]) => [name, tableOf(rows)])));
      const name = file.slice(0, file.lastIndexOf('-'));
      const rows = data.tables.get(name);
      return rows ? HttpResponse.json(tableOf(rows)) : new HttpResponse('Not Found', { status: 404 });
    }),
    http.get('*/common/destiny2_content/icons/:name', ({ params }) => {
      count(core, 'Icon');
      const name = String(params.name);
      if (!/\.(png|jpg|jpeg)$/i.test(name)) return new HttpResponse('Not Found', { status: 404 });
      // Always PNG bytes: browsers sniff the format, and Bungie's .jpg paths would otherwise need a JPEG encoder.
      return new HttpResponse(iconPng(name) as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } });
    }),
  ];
}
