// Reads the positioned text of a PDF with pdf.js in a worker thread. Plain JavaScript on purpose: a worker does not
// run through the TypeScript loader, so pdf.js and its 2 MB worker module load natively (~0.1 s, ~15 MB) instead of
// being transformed (~2.4 s, ~400 MB), and a hostile PDF cannot stall the server's event loop.
import { parentPort } from 'node:worker_threads';
import * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js looks for its worker here before trying to start one of its own.
globalThis.pdfjsWorker = worker;

const BOLD = /bold|black|heavy|semibold|demi/iu;

async function read(bytes) {
  const document = await getDocument({
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      // Font names (and so boldness) are only known once the page's drawing operations have loaded its fonts.
      await page.getOperatorList();
      const bold = {};
      for (const name of Object.keys(content.styles)) {
        const font = page.commonObjs.has(name) ? page.commonObjs.get(name) : null;
        bold[name] = BOLD.test(font?.name ?? '');
      }
      const runs = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
        const size = Math.hypot(c, d) || Math.hypot(a, b);
        if (size <= 0) continue;
        runs.push({ str: item.str, x, y, width: item.width, size, bold: bold[item.fontName] ?? false });
      }
      pages.push({ height: page.view[3] ?? 842, runs });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

// One worker serves every PDF the process reads, each request by its id, so pdf.js loads once.
parentPort.on('message', async ({ id, bytes }) => {
  try {
    parentPort.postMessage({ id, pages: await read(bytes) });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: { name: error?.name ?? 'Error', message: error instanceof Error ? error.message : String(error) },
    });
  }
});
