/**
 * Draws the demo store's dish pictures (server/modules/bootstrap/assets/<image>.jpg): an HTML
 * illustration per dish — a plate or a glass on a table, food emoji from Noto Color Emoji —
 * rendered by headless Chromium and saved as 480×360 JPEG.
 *
 *   npx tsx scripts/make-demo-images.ts            # every picture
 *   npx tsx scripts/make-demo-images.ts americano  # only the named ones
 *
 * Needs Chromium and the emoji font (Debian: `apt-get install chromium fonts-noto-color-emoji`);
 * CHROMIUM_PATH overrides where Chromium is.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SEED_ASSETS_DIR } from '../server/lib/paths.js';
import { DEMO_MENU } from '../server/modules/bootstrap/bootstrap.demo-data.js';

interface Look {
  /** The dish itself, drawn large. */
  main: string;
  /** Smaller garnish around it. */
  extras: string[];
  /** Table colours (two stops). */
  table: [string, string];
  /** A bowl or plate under food; drinks stand on the table. */
  vessel: 'bowl' | 'plate' | 'none';
  /** Tint of the food in the vessel (broth, sauce). */
  tint?: string;
}

const LOOKS: Record<string, Look> = {
  'kimchi-jjigae': {
    main: '🍲',
    extras: ['🌶️', '🥬', '🧅'],
    table: ['#7a3b1e', '#4a2210'],
    vessel: 'bowl',
    tint: '#d9472b',
  },
  'doenjang-jjigae': {
    main: '🥘',
    extras: ['🧈', '🥒', '🌶️'],
    table: ['#6b4a2b', '#3e2a16'],
    vessel: 'bowl',
    tint: '#b07a3c',
  },
  'jeyuk-bokkeum': {
    main: '🥓',
    extras: ['🌶️', '🧅', '🥬'],
    table: ['#8a4b2a', '#50290f'],
    vessel: 'plate',
    tint: '#d3542f',
  },
  bulgogi: { main: '🥩', extras: ['🧅', '🥕', '🍄'], table: ['#5f3b22', '#351f10'], vessel: 'plate', tint: '#8c4a25' },
  bibimbap: {
    main: '🍚',
    extras: ['🥕', '🥬', '🍳', '🌶️'],
    table: ['#6e4526', '#3b2413'],
    vessel: 'bowl',
    tint: '#f2e6cf',
  },
  'haemul-pajeon': {
    main: '🥞',
    extras: ['🦐', '🦑', '🧅'],
    table: ['#7b5530', '#452c15'],
    vessel: 'plate',
    tint: '#e2b45e',
  },
  tteokbokki: {
    main: '🍢',
    extras: ['🌶️', '🥚', '🧅'],
    table: ['#8c3a22', '#511c0d'],
    vessel: 'plate',
    tint: '#e0442a',
  },
  'gyeran-mari': {
    main: '🍳',
    extras: ['🥚', '🥕', '🧅'],
    table: ['#7d5a35', '#47301a'],
    vessel: 'plate',
    tint: '#f4d35e',
  },
  'gun-mandu': {
    main: '🥟',
    extras: ['🥟', '🥢', '🧄'],
    table: ['#6d4c2e', '#3d2915'],
    vessel: 'plate',
    tint: '#e9c27a',
  },
  'janchi-guksu': {
    main: '🍜',
    extras: ['🥚', '🥒', '🧅'],
    table: ['#6a4528', '#3a2413'],
    vessel: 'bowl',
    tint: '#e9dcc0',
  },
  americano: { main: '☕', extras: ['🫘', '🫘'], table: ['#5a3a24', '#2f1d10'], vessel: 'none' },
  cola: { main: '🥤', extras: ['🧊', '🧊'], table: ['#b3261e', '#5e0f0b'], vessel: 'none' },
  cider: { main: '🥤', extras: ['🍋', '🧊', '🍈'], table: ['#2f8f4e', '#14502a'], vessel: 'none' },
  sikhye: { main: '🥣', extras: ['🍚', '🌾'], table: ['#a8804f', '#5e4322'], vessel: 'none' },
  soju: { main: '🍶', extras: ['🥃', '🥃'], table: ['#2c7a5a', '#123d2c'], vessel: 'none' },
  beer: { main: '🍺', extras: ['🍺', '🥜'], table: ['#c98a1c', '#6b4408'], vessel: 'none' },
  makgeolli: { main: '🥛', extras: ['🍶', '🌾'], table: ['#8a7a5c', '#4a3f2b'], vessel: 'none' },
};

const WIDTH = 480;
const HEIGHT = 360;

function html(look: Look): string {
  const positions = [
    { left: 58, top: 250, size: 56, rotate: -14 },
    { left: 372, top: 58, size: 52, rotate: 12 },
    { left: 380, top: 252, size: 48, rotate: 8 },
    { left: 52, top: 52, size: 46, rotate: -8 },
  ];
  const extras = look.extras
    .map((emoji, i) => {
      const p = positions[i % positions.length] ?? { left: 0, top: 0, size: 40, rotate: 0 };
      return `<span class="extra" style="left:${p.left}px;top:${p.top}px;font-size:${p.size}px;transform:rotate(${p.rotate}deg)">${emoji}</span>`;
    })
    .join('');
  const vessel =
    look.vessel === 'none'
      ? '<div class="coaster"></div>'
      : `<div class="${look.vessel}"><div class="food" style="background:radial-gradient(circle at 40% 35%, ${look.tint ?? '#ddd'}ee, ${look.tint ?? '#ddd'} 60%, #00000033)"></div></div>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    html,body{margin:0;width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden}
    body{position:relative;font-family:'Noto Color Emoji',sans-serif;
      background:
        repeating-linear-gradient(92deg, #ffffff08 0 3px, transparent 3px 11px),
        repeating-linear-gradient(88deg, #00000010 0 1px, transparent 1px 23px),
        radial-gradient(ellipse at 50% 45%, ${look.table[0]}, ${look.table[1]} 85%);}
    .vignette{position:absolute;inset:0;box-shadow:inset 0 0 90px 20px #0000007a}
    .plate,.bowl,.coaster{position:absolute;left:50%;top:52%;transform:translate(-50%,-50%);border-radius:50%}
    .plate{width:290px;height:290px;background:radial-gradient(circle,#fbfaf6 55%,#e9e4d8 56%,#fffdf8 70%,#d8d1c2 100%);
      box-shadow:0 18px 30px #0000006b}
    .bowl{width:250px;height:250px;background:radial-gradient(circle,#2b2b2b 60%,#3d3a36 66%,#1c1b1a 100%);
      box-shadow:0 18px 30px #00000080}
    .food{position:absolute;inset:34px;border-radius:50%}
    .coaster{width:230px;height:230px;background:radial-gradient(circle,#e8dcc3 60%,#cdbb98 100%);box-shadow:0 12px 24px #00000066}
    .main{position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);font-size:168px;line-height:1;
      filter:drop-shadow(0 10px 8px #00000066)}
    .extra{position:absolute;line-height:1;filter:drop-shadow(0 6px 5px #00000055)}
  </style></head><body>
    ${vessel}
    <span class="main">${look.main}</span>
    ${extras}
    <div class="vignette"></div>
  </body></html>`;
}

async function main(): Promise<void> {
  mkdirSync(SEED_ASSETS_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    const only = new Set(process.argv.slice(2));
    for (const dish of DEMO_MENU.flatMap((group) => group.dishes)) {
      if (only.size > 0 && !only.has(dish.image)) continue;
      const look = LOOKS[dish.image];
      if (!look) throw new Error(`no look for ${dish.image}`);
      await page.setContent(html(look), { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(SEED_ASSETS_DIR, `${dish.image}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 78 });
      console.log(`${path.relative(process.cwd(), file)}  ${Math.round(statSync(file).size / 1024)} KB  ${dish.name}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
