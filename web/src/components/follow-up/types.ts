// Follow-up's API shapes, taken from the server's own declarations (type-only imports, erased from the bundle).
export type {
  AttachmentView,
  CycleDetail,
  CycleView,
  GoalView,
  PartView,
  TaskDetail,
  TaskView,
  UnitProgress,
} from '../../../../src/capabilities/follow-up/service.ts';
export type { ReportFileView } from '../../../../src/capabilities/follow-up/reports.ts';
export type { JobView } from '../../../../src/capabilities/jobs/queue.ts';
export type { GroupSummary, RollupBasis, RollupProposal } from '../../../../src/capabilities/follow-up/rollup.ts';
export type { Cadence, CycleProposal, Period } from '../../../../src/capabilities/follow-up/periods.ts';
export type { Movement, CycleFacts } from '../../../../src/capabilities/follow-up/workflow.ts';
export type { ComparisonRow } from '../../../../src/capabilities/follow-up/history.ts';
export type { Assessment, Light, ReportState, ReportStatus } from '../../../../src/capabilities/follow-up/words.ts';
import type { compareCycles } from '../../../../src/capabilities/follow-up/history.ts';
import type { Cadence, CycleProposal } from '../../../../src/capabilities/follow-up/periods.ts';

/** GET /api/cycles/compare */
export type Comparison = Awaited<ReturnType<typeof compareCycles>>;
/** GET /api/plans/:id/cycles/proposal */
export type ProposalView = CycleProposal & { cadences: Cadence[] };
