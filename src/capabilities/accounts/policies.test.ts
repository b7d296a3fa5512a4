import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canEditItemContent, canEditPlan, canReadAudit, canReadDocument, type Actor, type Caller } from './policies.ts';

const actor = (role: Actor['role'], municipalityCode: string | null, unitIds: string[] = []): Actor => ({
  userId: `${role}-${municipalityCode}`,
  username: role,
  role,
  municipalityCode,
  unitIds,
});

const callers: Record<string, Caller> = {
  public: null,
  admin: actor('admin', null),
  'coordinator (own)': actor('coordinator', '1860'),
  'coordinator (other)': actor('coordinator', '2514'),
  'reporter (own, responsible unit)': actor('reporter', '1860', ['unit-a']),
  'reporter (own, other unit)': actor('reporter', '1860', ['unit-b']),
  'reporter (other)': actor('reporter', '2514', ['unit-a']),
  'reader (own)': actor('reader', '1860'),
  'reader (other)': actor('reader', '2514'),
  'applicant (own)': actor('applicant', '1860'),
};

// Expected answers for a document and an item of Laxå (1860) whose responsible unit is unit-a.
const table: Record<string, { readAdopted: boolean; readDraft: boolean; editPlan: boolean; editItem: boolean; audit: boolean }> = {
  public: { readAdopted: true, readDraft: false, editPlan: false, editItem: false, audit: false },
  admin: { readAdopted: true, readDraft: true, editPlan: true, editItem: true, audit: true },
  'coordinator (own)': { readAdopted: true, readDraft: true, editPlan: true, editItem: true, audit: false },
  'coordinator (other)': { readAdopted: true, readDraft: false, editPlan: false, editItem: false, audit: false },
  'reporter (own, responsible unit)': { readAdopted: true, readDraft: true, editPlan: false, editItem: true, audit: false },
  'reporter (own, other unit)': { readAdopted: true, readDraft: true, editPlan: false, editItem: false, audit: false },
  'reporter (other)': { readAdopted: true, readDraft: false, editPlan: false, editItem: false, audit: false },
  'reader (own)': { readAdopted: true, readDraft: true, editPlan: false, editItem: false, audit: false },
  'reader (other)': { readAdopted: true, readDraft: false, editPlan: false, editItem: false, audit: false },
  // An association's fund account is the public to the municipality, even though it belongs to it.
  'applicant (own)': { readAdopted: true, readDraft: false, editPlan: false, editItem: false, audit: false },
};

describe('policies', () => {
  for (const [name, caller] of Object.entries(callers)) {
    const expected = table[name];
    it(`answers every question right for ${name}`, () => {
      assert.ok(expected);
      assert.deepEqual(
        {
          readAdopted: canReadDocument(caller, { municipalityCode: '1860', status: 'adopted' }),
          readDraft: canReadDocument(caller, { municipalityCode: '1860', status: 'draft' }),
          editPlan: canEditPlan(caller, '1860'),
          editItem: canEditItemContent(caller, { municipalityCode: '1860', unitIds: ['unit-a'] }),
          audit: canReadAudit(caller),
        },
        expected,
      );
    });
  }

  it('treats a proposal to a political body as a public record, unlike a draft', () => {
    assert.equal(canReadDocument(null, { municipalityCode: '0117', status: 'proposed' }), true);
    assert.equal(canReadDocument(actor('reader', '2514'), { municipalityCode: '0117', status: 'draft' }), false);
  });
});
