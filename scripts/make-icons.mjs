// Draws the extension icon (public/icon/{16,32,48,128}.png): a dark rounded tile with a
// white check mark and TikTok-like cyan/red offsets. Run once: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const SS = 4; // supersampling for smooth edges

function inRoundedRect(x, y, size, r) {
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onCheck(x, y, size, dx, dy) {
  const u = (v) => v * size;
  const a = [u(0.27) + dx, u(0.53) + dy], b = [u(0.44) + dx, u(0.70) + dy], c = [u(0.75) + dx, u(0.33) + dy];
  const w = u(0.075);
  return distToSegment(x, y, a, b) <= w || distToSegment(x, y, b, c) <= w;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const big = size * SS;
  const off = big * 0.025;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x * SS + sx + 0.5, py = y * SS + sy + 0.5;
          if (!inRoundedRect(px, py, big, big * 0.22)) continue;
          let col = [22, 24, 35];
          if (onCheck(px, py, big, -off, -off)) col = [37, 244, 238];
          if (onCheck(px, py, big, off, off)) col = [254, 44, 85];
          if (onCheck(px, py, big, 0, 0)) col = [255, 255, 255];
          r += col[0]; g += col[1]; b += col[2]; a += 255;
        }
      }
      const n = SS * SS, i = (y * size + x) * 4;
      const cover = a / n / 255;
      png.data[i] = cover ? r / (n * cover) : 0;
      png.data[i + 1] = cover ? g / (n * cover) : 0;
      png.data[i + 2] = cover ? b / (n * cover) : 0;
      png.data[i + 3] = a / n;
    }
  }
  return PNG.sync.write(png);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, draw(size));
console.log('icons written to public/icon/');
