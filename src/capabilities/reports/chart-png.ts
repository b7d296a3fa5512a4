/** Charts for Word: Word and LibreOffice read PNG everywhere, SVG only in recent versions. */
import { Resvg } from '@resvg/resvg-js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Chart } from './charts.ts';
import { robotoFontFiles } from './fonts.ts';

/** The chart as PNG at `scale` times its size, so it stays sharp when printed. */
export async function chartPng(chart: Chart, scale = 2): Promise<Buffer> {
  const png = rasterise(chart, scale, await robotoFontFiles());
  await releaseBitmaps(Math.ceil(chart.width * scale) * Math.ceil(chart.height * scale) * 4);
  return png;
}

/**
 * On the main thread: `renderAsync` on libuv's pool took longer per chart (the PNG is encoded on the main thread
 * either way, and each chart waited for a pool thread and a turn of the event loop) and used more CPU. A chart takes
 * about 25 ms; the event loop gets a turn at least every 16 MB of bitmaps (see releaseBitmaps).
 * A function of its own so that nothing refers to the bitmap's wrapper once it returns.
 */
function rasterise(chart: Chart, scale: number, fontFiles: string[]): Buffer {
  return new Resvg(chart.svg, {
    // System fonts would make the picture depend on the server; Roboto is the font the SVG asks for.
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
    logLevel: 'off',
  })
    .render()
    .asPng();
}

let minorGc: (() => void) | null | undefined;
let unreleased = 0;
/** Bitmaps left to V8's own pace before a collection is asked for: seven indicator charts. */
const releaseAfter = 16 * 1024 * 1024;

/**
 * resvg-js 2.6.2 keeps each rendered bitmap (width × height × 4 bytes: 2.2 MB for an indicator chart in Word) in
 * native memory that V8 is not told about, and frees it only when the small JS wrapper is collected. With little
 * allocation on V8's own heap that is late or never: rendering a report's 42 charts three times grew the process
 * from 313 to 419 to 526 MB (thx/resvg-js#216; 2.7, still alpha, reports the memory to V8). The wrapper is garbage
 * as soon as the PNG is encoded, so a young-generation collection (a few milliseconds) finds it, and its finalizer
 * runs on the next turn of the event loop; one is asked for whenever 16 MB of bitmaps have been made since the
 * last, which keeps a Word report's bitmaps under about 20 MB at any moment.
 */
async function releaseBitmaps(bytes: number): Promise<void> {
  unreleased += bytes;
  if (unreleased < releaseAfter) return;
  unreleased = 0;
  if (minorGc === undefined) {
    try {
      // gc() is only handed to contexts made while the flag is on; it is turned off again straight away.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
      setFlagsFromString('--no-expose-gc');
      minorGc = () => gc({ type: 'minor' });
    } catch {
      minorGc = null;
    }
  }
  if (!minorGc) return;
  minorGc();
  await new Promise((resolve) => setImmediate(resolve));
}
