import { misuse } from '../model/errors.js';

/** A value that survives `JSON.stringify` and `JSON.parse` unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Throws unless `value` is plain JSON, naming where the first offending part sits
 * (`subject` is e.g. `the result of <Task id="email">`). A checkpoint must restore exactly what
 * was saved: a Date, a Map, `undefined` or a class instance would come back as something else.
 */
export function assertJsonValue(value: unknown, subject: string): asserts value is JsonValue {
  const found = findJsonProblem(value);
  if (found) throw notJson(subject, found.at, found.problem);
}

/** Whether `value` is plain JSON; the value itself is left as it is (see `assertJsonValue`). */
export function isJsonValue(value: unknown): value is JsonValue {
  return findJsonProblem(value) === undefined;
}

/**
 * The first part of `value` that is not plain JSON, and where it sits. Iterative, so deep values
 * cannot overflow the stack; each value is visited once.
 */
function findJsonProblem(value: unknown): { at: Where | undefined; problem: string } | undefined {
  // Depth-first with explicit frames; an `exit` frame closes a container once its children are done,
  // so `open` holds exactly the enclosing containers (a shared, non-enclosing value is fine).
  // Where a value sits is kept as a link to its parent and spelled out only for an error.
  type Frame = { value: unknown; at: Where | undefined } | { exit: object };
  const stack: Frame[] = [{ value, at: undefined }];
  const open = new Set<object>();
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('exit' in frame) {
      open.delete(frame.exit);
      continue;
    }
    const { value: item, at } = frame;
    const problem = jsonProblem(item);
    if (problem) return { at, problem };
    if (item === null || typeof item !== 'object') continue;
    if (open.has(item)) return { at, problem: 'a reference back to an enclosing value (a cycle)' };
    open.add(item);
    stack.push({ exit: item });
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        if (!(i in item)) return { at: { parent: at, key: i }, problem: 'a hole in an array' };
        stack.push({ value: item[i], at: { parent: at, key: i } });
      }
    } else {
      const keys = Object.keys(item);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({ value: (item as Record<string, unknown>)[key], at: { parent: at, key } });
      }
    }
  }
  return undefined;
}

/**
 * `target[key] = value` as an own data property even for `"__proto__"`, whose assignment would
 * set the prototype instead (JSON.parse makes it an ordinary key; a checkpoint keeps it so).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `Object.assign(target, source)` that copies a `"__proto__"` key as a key (see `setOwn`). */
export function assignOwn(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) setOwn(target, key, source[key]);
}

interface Where {
  parent: Where | undefined;
  key: string | number;
}

function spell(at: Where): string {
  const keys: Array<string | number> = [];
  for (let node: Where | undefined = at; node; node = node.parent) keys.push(node.key);
  return keys
    .reverse()
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}

function jsonProblem(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `the number ${value}`;
    case 'object': {
      if (value === null || Array.isArray(value)) return undefined;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Object.prototype || prototype === null) return undefined;
      return `a ${prototype?.constructor?.name ?? 'class'} instance`;
    }
    default:
      return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`;
  }
}

function notJson(subject: string, at: Where | undefined, problem: string) {
  return misuse(
    subject,
    `is not plain JSON: ${at === undefined ? 'it is' : `at ${spell(at)} there is`} ${problem}`,
    'A checkpoint stores JSON and must restore exactly what was saved: store plain objects, arrays, strings, finite numbers, booleans and null (a date as an ISO string).',
  );
}
