// Reads the string unions and the error code table that index.d.ts declares, so the tests can
// hold them against what the WebAssembly core answers (the types are hand-written).

import { readFileSync } from 'node:fs';

const DTS = new URL('../../index.d.ts', import.meta.url);

/** The members of `export type NAME = 'a' | 'b' …;`. */
function union(source, name) {
  const body = new RegExp(`export type ${name} =([^;]*);`).exec(source)?.[1];
  if (body === undefined) throw new Error(`index.d.ts declares no union ${name}`);
  return new Set([...body.matchAll(/'([^']*)'/g)].map((m) => m[1]));
}

/** `{ Kind, Service, Expected, FixName, Lang }` as Sets, `ErrorCodes` as a Map name → code,
 * `ErrorName` as a Set. */
export function declared() {
  const source = readFileSync(DTS, 'utf8');
  const codes = /export interface ErrorCodes \{([^}]*)\}/.exec(source)?.[1];
  if (codes === undefined) throw new Error('index.d.ts declares no ErrorCodes');
  const ErrorCodes = new Map([...codes.matchAll(/^\s*([A-Z_]+): (\d+);/gm)].map((m) => [m[1], Number(m[2])]));
  const out = { ErrorCodes, ErrorName: new Set(ErrorCodes.keys()) };
  for (const name of ['Kind', 'Service', 'Expected', 'FixName', 'Lang']) out[name] = union(source, name);
  return out;
}
