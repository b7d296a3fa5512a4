/** Charts for Word: Word and LibreOffice read PNG everywhere, SVG only in recent versions. */
import { renderAsync } from '@resvg/resvg-js';
import type { Chart } from './charts.ts';
import { robotoFontFiles } from './fonts.ts';

/** The chart as PNG at `scale` times its size, so it stays sharp when printed. */
export async function chartPng(chart: Chart, scale = 2): Promise<Buffer> {
  const fontFiles = await robotoFontFiles();
  const image = await renderAsync(chart.svg, {
    // System fonts would make the picture depend on the server; Roboto is the font the SVG asks for.
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' },
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
    logLevel: 'off',
  });
  return image.asPng();
}
