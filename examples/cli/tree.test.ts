import { describe, expect, test } from 'vitest';
import type { StepSnapshot, StepStatus } from 'react-agent-tasks';
import { compactTree } from './tree.js';

const step = (kind: 'task' | 'group', id: string, status: StepStatus, children: StepSnapshot[] = []): StepSnapshot => ({
  kind,
  id,
  path: id,
  status,
  entries: status === 'pending' || status === 'skipped' ? 0 : 1,
  sensitive: false,
  hasResult: status === 'done',
  children,
});

describe('compactTree', () => {
  test('one line: the outer group implied, nested groups in parentheses, skipped steps marked', () => {
    const root = step('group', 'task_group', 'active', [
      step('task', 'account_type', 'done'),
      step('group', 'company', 'done', [step('task', 'company_name', 'done'), step('task', 'vat_number', 'failed')]),
      step('task', 'contact', 'active'),
      step('task', 'phone', 'skipped'),
    ]);
    expect(compactTree({ root, activeTask: null, finished: false })).toBe('account_type ✓  company(company_name ✓  vat_number ✗)  contact ●  phone –');
  });

  test('a single task workflow', () => {
    expect(compactTree({ root: step('task', 'consent', 'pending'), activeTask: null, finished: false })).toBe('consent ○');
  });
});
