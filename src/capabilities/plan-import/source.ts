/**
 * The first step's output: a document reduced to text blocks with the layout hints each format can give.
 * Every extractor (txt, docx, pdf) produces this shape; everything after it is format-blind.
 */

export type SourceFormat = 'txt' | 'docx' | 'pdf';

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'toc-entry';

export interface SourceBlock {
  kind: BlockKind;
  /** The block's words: list marker, numbering, markdown emphasis and page-number leaders removed, whitespace folded. */
  text: string;
  /** Where the block stands in `SourceDocument.text` (UTF-16 offsets, end exclusive), marker included. */
  start: number;
  end: number;
  /** Heading level from the format (Word heading styles, PDF font size rank); null when the format gives none. */
  headingLevel: number | null;
  /** The list marker as written or as the list numbering gives it: "-", "•", "1.", "2)", "a)"; null when none. */
  marker: string | null;
  /** List nesting or indentation depth from 0. */
  indent: number;
  /** A table row's cells, text only; null for other blocks. */
  cells: string[] | null;
  /** A table row's check boxes by cell (true checked, false empty, null no box); null for other blocks. */
  checks: (boolean | null)[] | null;
  /** The whole block is set in bold. */
  bold: boolean;
  /** 1-based page, where the format has pages. */
  page: number | null;
}

export interface SourceDocument {
  format: SourceFormat;
  /** The text the review screen shows; block offsets point into it. */
  text: string;
  blocks: SourceBlock[];
  pages: number | null;
}

export function block(partial: Partial<SourceBlock> & Pick<SourceBlock, 'kind' | 'text' | 'start' | 'end'>): SourceBlock {
  return { headingLevel: null, marker: null, indent: 0, cells: null, checks: null, bold: false, page: null, ...partial };
}

/** Folds whitespace and strips markdown emphasis markers that plain-text exports leave around words. */
export function cleanText(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/(^|[\s(“”"'])\*{1,2}(?=\S)/g, '$1')
    .replace(/(?<=\S)\*{1,2}(?=$|[\s.,;:!?)”"'])/g, '')
    .replace(/[\t\u00a0 ]+/g, ' ')
    .trim();
}

/** Joins block texts into one reviewable text, one blank line between blocks, and sets each block's offsets. */
export function assembleText(parts: { display: string; block: Omit<SourceBlock, 'start' | 'end'> }[]): {
  text: string;
  blocks: SourceBlock[];
} {
  let text = '';
  const blocks: SourceBlock[] = [];
  for (const part of parts) {
    if (text.length > 0) text += '\n\n';
    const start = text.length;
    text += part.display;
    blocks.push({ ...part.block, start, end: text.length });
  }
  return { text, blocks };
}
