import { misuse } from './errors.js';

/** Step ids are path segments (`card/expiry` addresses a nested step), so they cannot hold `/`. */
export function assertStepId(label: string, id: string | undefined): void {
  if (id !== undefined && (id.includes('/') || id.trim() === '')) {
    throw misuse(label, id.trim() === '' ? 'has an empty id' : 'has a `/` in its id', 'Ids are path segments (`card/expiry` names a step of a nested group): use letters, digits, `_` or `-`.');
  }
}
