import { ancestors, checkDefinition, descendants, firstSteps, successors } from './workflow-definition';
import { WORKFLOW_SEEDS } from './seeds';
import { BIRTH_RESIDENCE_HEALTH_INSURANCE as linked } from './seeds/birth-residence-health-insurance.workflow';

describe('workflow definition graph', () => {
  it('every seed is a valid definition with agency codes of the national pattern', () => {
    for (const seed of WORKFLOW_SEEDS) expect(checkDefinition(seed)).toEqual([]);
    expect(WORKFLOW_SEEDS.map((s) => s.procedureCode)).not.toContain('1.001193');
  });

  it('the linked flow forks into two parallel branches after the approval and joins at the centre', () => {
    expect(firstSteps(linked).map((s) => s.key)).toEqual(['khai-sinh']);
    expect(successors(linked, 'duyet-khai-sinh').map((s) => s.key)).toEqual(['thuong-tru', 'the-bhyt']);
    expect(successors(linked, 'thuong-tru').map((s) => s.key)).toEqual(['tra-ket-qua']);
    expect([...ancestors(linked, 'tra-ket-qua')].sort()).toEqual(['duyet-khai-sinh', 'khai-sinh', 'the-bhyt', 'thuong-tru']);
    expect(ancestors(linked, 'thuong-tru').has('the-bhyt')).toBe(false); // siblings are not earlier steps
    expect([...descendants(linked, 'duyet-khai-sinh')].sort()).toEqual(['the-bhyt', 'thuong-tru', 'tra-ket-qua']);
    expect(linked.steps.find((s) => s.key === 'duyet-khai-sinh')?.role).toBe('APPROVER');
  });
});
