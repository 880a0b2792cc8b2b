import { describe, expect, test } from 'vitest';
import { compactTree } from './tree.js';

describe('compactTree', () => {
  test('one line: the outer group implied, nested groups in parentheses, skipped steps marked', () => {
    const tree = [
      'group task_group: active, entered 1×',
      '  task account_type: done, entered 2×',
      '  group company: done, entered 1×',
      '    task company_name: done, entered 1×',
      '    task vat_number: failed, entered 1×',
      '  task contact: active, entered 1×',
      '  task phone: skipped',
    ].join('\n');
    expect(compactTree(tree)).toBe('account_type ✓  company(company_name ✓  vat_number ✗)  contact ●  phone –');
  });

  test('a single task workflow', () => {
    expect(compactTree('task consent: pending')).toBe('consent ○');
  });
});
