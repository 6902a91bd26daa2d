// The deterministic cases of a path parameter: its named examples and their spellings the
// schema also allows (a GUID in upper and lower case), its length bounds; then the ways an
// identifier typed by a person goes wrong, each kept only when the schema refuses it.
import { namedExamples, type ParameterObject } from '../../support/openapi-document.js';
import { schemaViolations } from '../../support/schema-validator.js';
import { stringCases, type SchemaCase } from './schema-cases.js';

// A path segment cannot carry these: URLs drop an empty segment and resolve dot segments.
const UNSENDABLE = new Set(['', '.', '..']);

/** Mistakes made from a valid identifier; each is labelled by what a person would call it. */
function mistakes(example: string): Array<[string, string]> {
  const middle = Math.ceil(example.length / 2);
  const found: Array<[string, string]> = [
    ['letters', example.replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)]!)],
    ['negative', `-${example}`],
    ['decimal', `${example}.5`],
    ['leading zero', `0${example}`],
    ['whitespace', `${example.slice(0, middle)} ${example.slice(middle)}`],
    ['path traversal', `../${example}`],
  ];
  if (example.includes('-')) found.push(['without dashes', example.replaceAll('-', '')]);
  return found;
}

/**
 * With `only`, the valid cases are that value's spellings alone: a live server's own account,
 * never another account that a length bound or the spec's example would name.
 */
export function pathParameterCases(parameter: ParameterObject, only?: string): { valid: SchemaCase[]; invalid: SchemaCase[] } {
  const location = parameter.name;
  const examples = namedExamples(parameter.examples).map((example) => String(example.value));
  const refused = (value: string) => schemaViolations(parameter.schema, value);
  const valid: SchemaCase[] = [];
  const seen = new Set<string>();
  const addValid = (value: string, why: string, keywords: string[] = []) => {
    if (seen.has(value) || UNSENDABLE.has(value) || refused(value).length > 0) return;
    seen.add(value);
    valid.push({ value, why, keywords });
  };
  const sources = only === undefined ? namedExamples(parameter.examples).map((example) => ({ value: String(example.value), source: `the spec's example ${JSON.stringify(example.name)}` })) : [{ value: only, source: 'the target’s own' }];
  for (const { value, source } of sources) {
    addValid(value, `${location} ${value}, ${source}`);
    addValid(value.toUpperCase(), `${location} ${value.toUpperCase()}, ${source} in upper case`);
    addValid(value.toLowerCase(), `${location} ${value.toLowerCase()}, ${source} in lower case`);
  }
  const bounds = stringCases(parameter.schema, location, examples);
  if (only === undefined) for (const found of bounds.valid) addValid(String(found.value), found.why, found.keywords);

  const invalid: SchemaCase[] = [];
  // One case of each kind, made from the shortest example it applies to (a GUID has no sign).
  const byLength = [...examples].sort((one, other) => one.length - other.length);
  const candidates: Array<[string, string]> = [...byLength.flatMap(mistakes), ...bounds.invalid.map((found): [string, string] => [found.why.replace(`${location} `, ''), String(found.value)])];
  const kinds = new Set<string>();
  for (const [kind, value] of candidates) {
    const violations = refused(value);
    if (kinds.has(kind) || UNSENDABLE.has(value) || violations.length === 0 || invalid.some((found) => found.value === value)) continue;
    kinds.add(kind);
    invalid.push({ value, why: `${location} ${JSON.stringify(value)} (${kind})`, keywords: [...new Set(violations.map((violation) => `${location} ${violation.keyword}`))] });
  }
  return { valid, invalid };
}
