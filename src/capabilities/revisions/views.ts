import type { Adoption } from '../plans/outline.ts';
import type { DocumentView } from '../plans/views.ts';
import type { PlanDiff } from './diff.ts';

/** The API's shapes of editions and their differences; the web app imports them (types only). */

export interface EditionView {
  id: string;
  edition: number;
  title: string;
  status: DocumentView['status'];
  adopted: Adoption | null;
  revisesId: string | null;
  parentDocumentId: string | null;
  itemCount: number;
  version: number;
  updatedAt: string;
}

export interface DiffView extends PlanDiff {
  before: EditionView;
  after: EditionView;
}
