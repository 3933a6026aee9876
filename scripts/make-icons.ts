// npm run icons — draws the app's icons into public/: the installable app's PNGs (192, 512, a
// maskable 512, Apple's 180) and favicon.ico (16 and 32 px PNGs inside). No image library and no
// download: a vault door (a ring, four bolts, a handle) on the app's background, rasterised here
// with 4×4 supersampling and written as PNG with node:zlib. Deterministic: run it again, same bytes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgb = [number, number, number];
const BACKGROUND: Rgb = [0x0f, 0x11, 0x15]; // --color-vault-bg
const PANEL: Rgb = [0x18, 0x1b, 0x22]; // --color-vault-panel
const ACCENT: Rgb = [0xf2, 0xc1, 0x4e]; // --color-vault-accent

/**
 * The door at `size` px; `inset` is the share of each side left as background (a maskable icon
 * keeps its drawing inside the central 80 % circle, so it is drawn smaller).
 */
export function drawDoor(size: number, { inset = 0.08, rounded = true } = {}): Buffer {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const r = (size / 2) * (1 - 2 * inset);
  const corner = size * 0.18;
  const colourAt = (x: number, y: number): Rgb | null => {
    // Outside a rounded square: transparent (the plain icons); the maskable one fills it all.
    if (rounded) {
      const dx = Math.max(corner - x, 0, x - (size - corner));
      const dy = Math.max(corner - y, 0, y - (size - corner));
      if (dx * dx + dy * dy > corner * corner) return null;
    }
    const d = Math.hypot(x - c, y - c);
    if (d > r) return BACKGROUND;
    if (d > r * 0.82) return ACCENT; // the ring
    // Four bolts on the diagonal, inside the ring.
    for (let k = 0; k < 4; k++) {
      const a = Math.PI / 4 + (k * Math.PI) / 2;
      if (Math.hypot(x - (c + Math.cos(a) * r * 0.66), y - (c + Math.sin(a) * r * 0.66)) < r * 0.08) return ACCENT;
    }
    if (d < r * 0.16) return ACCENT; // the hub
    // The handle: three spokes.
    for (let k = 0; k < 3; k++) {
      const a = -Math.PI / 2 + (k * 2 * Math.PI) / 3;
      const along = (x - c) * Math.cos(a) + (y - c) * Math.sin(a);
      const across = Math.abs(-(x - c) * Math.sin(a) + (y - c) * Math.cos(a));
      if (along > 0 && along < r * 0.5 && across < r * 0.055) return ACCENT;
    }
    return PANEL;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [red, green, blue, alpha] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
          if (!colour) continue;
          red += colour[0];
          green += colour[1];
          blue += colour[2];
          alpha += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (alpha > 0) {
        rgba[i] = Math.round(red / alpha);
        rgba[i + 1] = Math.round(green / alpha);
        rgba[i + 2] = Math.round(blue / alpha);
      }
      rgba[i + 3] = Math.round((alpha / (samples * samples)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** An .ico holding PNG images (every browser since 2009 reads them). */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** Every file this script writes under public/, by name. */
export function iconFiles(): Record<string, Buffer> {
  return {
    'icon-192.png': drawDoor(192),
    'icon-512.png': drawDoor(512),
    'icon-maskable-512.png': drawDoor(512, { inset: 0.2, rounded: false }),
    'apple-touch-icon.png': drawDoor(180, { inset: 0.1, rounded: false }),
    'favicon.ico': encodeIco([16, 32].map((size) => ({ size, png: drawDoor(size, { inset: 0.02 }) }))),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = path.resolve(import.meta.dirname, '../public');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(iconFiles())) {
    fs.writeFileSync(path.join(dir, name), bytes);
    console.log(`public/${name}: ${bytes.length} bytes`);
  }
}
