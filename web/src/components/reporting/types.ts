/** The follow-up API's shapes, taken from the server's own declarations (type-only imports, erased from the bundle). */
export type { CycleView, TaskDetail, TaskView, AttachmentView, EntryWrite } from '../../../../src/capabilities/follow-up/service.ts';
export type { TimelineEntry } from '../../../../src/capabilities/follow-up/history.ts';
export type { OutboxEntry } from '../../../../src/capabilities/notifications/service.ts';
export type { ReportState, ReportStatus, Assessment } from '../../../../src/capabilities/follow-up/words.ts';
import type { CycleView, TaskView } from '../../../../src/capabilities/follow-up/service.ts';

/** GET /api/my/tasks */
export interface MyTasks {
  cycles: (CycleView & { documentTitle: string })[];
  tasks: TaskView[];
}

/** GET /api/links/:token */
export interface LinkView {
  user: { displayName: string; username: string };
  cycle: CycleView & { documentTitle: string };
  tasks: TaskView[];
}
export type { CycleDetail } from '../../../../src/capabilities/follow-up/service.ts';
