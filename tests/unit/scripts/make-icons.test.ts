import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePng, iconFiles } from '@/scripts/make-icons';

const publicDir = path.resolve(import.meta.dirname, '../../../public');

// Drawing (16 samples a pixel, 512 px) takes a few seconds on a busy machine: once for the file.
let files: Record<string, Buffer>;
beforeAll(() => {
  files = iconFiles();
}, 120_000);

describe('npm run icons', () => {
  it('public/ holds exactly what the script draws (run it again after changing the drawing)', () => {
    expect(Object.keys(files).sort()).toEqual(['apple-touch-icon.png', 'favicon.ico', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png']);
    for (const [name, bytes] of Object.entries(files)) expect(fs.readFileSync(path.join(publicDir, name)).equals(bytes), name).toBe(true);
  });

  it('writes PNGs a decoder reads back pixel for pixel', () => {
    const rgba = Buffer.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const png = encodePng(2, 2, rgba);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2, 2]);
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    const rows = zlib.inflateSync(idat);
    expect(Buffer.concat([rows.subarray(1, 9), rows.subarray(10, 18)]).equals(rgba)).toBe(true);
  });

  it('draws a favicon.ico of a 16 and a 32 px PNG', () => {
    const ico = files['favicon.ico']!;
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 2]);
    expect([ico.readUInt8(6), ico.readUInt8(22)]).toEqual([16, 32]);
    expect(ico.subarray(ico.readUInt32LE(18), ico.readUInt32LE(18) + 4).toString('latin1')).toBe('\x89PNG');
  });
});
