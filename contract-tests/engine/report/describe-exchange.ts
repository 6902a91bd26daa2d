// An exchange as a report shows it: which check sent it and why, the request, the response,
// and the curl command that repeats it; every secret masked.
import type { SecretMasker } from '../mask-secrets.js';
import type { RecordedExchange } from '../run-context.js';
import type { Target } from '../target.js';
import { curlCommand } from './curl-command.js';

const MAX_BODY = 400;

function truncate(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} characters)` : text;
}

export function describeExchange(exchange: RecordedExchange, masker: SecretMasker, target: Pick<Target, 'kind' | 'baseUrl'>): string {
  const { request, response, intent } = exchange;
  const headers = Object.entries(masker.headers(request.headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n    ');
  const lines = [`  request sent by ${intent.check} (${intent.phase}, ${intent.kind}: ${masker.text(intent.purpose)}): ${request.method} ${masker.text(request.url)}`, `    ${headers}`];
  if (request.body !== undefined) lines.push(`    ${truncate(masker.text(request.body)) || '(empty body)'}`);
  if (response) {
    const shown = Object.entries(masker.headers(response.headers))
      .filter(([name]) => name === 'content-type' || name === 'allow' || name.startsWith('x-docusign') || name === 'www-authenticate')
      .map(([name, value]) => `${name}: ${value}`);
    lines.push(`  response: ${response.status}${shown.length ? `\n    ${shown.join('\n    ')}` : ' (no content-type)'}`, `    ${truncate(masker.text(response.text)) || '(empty body)'}`);
  } else {
    lines.push(`  no response: ${masker.text(exchange.error ?? 'unknown error')}`);
  }
  lines.push(`  reproduce: ${curlCommand(exchange, masker, target)}`);
  return lines.join('\n');
}
