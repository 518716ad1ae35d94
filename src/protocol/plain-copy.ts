/**
 * A deep copy of server data made of plain objects and arrays, without the keys `__proto__`,
 * `constructor` and `prototype`: what reaches a page's event listener can then never carry a
 * prototype of the server's choosing (an own `__proto__` key survives `Object.assign({}, x)` and
 * `{ ...x }` as the object's prototype, for the next one who copies it).
 */

/** Keys that name or reach a prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype;
}

/** Copies plain objects (null-prototype ones too) and arrays; anything else (an Error, a Date) is kept as it is. */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (typeof value !== 'object' || value === null || !isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!PROTOTYPE_KEYS.has(key)) copy[key] = plainCopy((value as Record<string, unknown>)[key]);
  }
  return copy as T;
}
