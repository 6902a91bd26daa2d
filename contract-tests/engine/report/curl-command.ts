// A curl command that sends a recorded request again, for a violation's report. The token is
// left to the shell ($CONTRACT_TOKEN) and every clientSecret is starred out at its length.
import { TOKEN_VARIABLE, type SecretMasker } from '../mask-secrets.js';
import type { RecordedExchange } from '../run-context.js';
import type { Target } from '../target.js';

/** Where `npm run mock` serves the spec: the embedded mock of a run is gone once it ends. */
export const STANDALONE_MOCK_URL = 'http://127.0.0.1:4010';

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function curlCommand(exchange: RecordedExchange, masker: SecretMasker, target: Pick<Target, 'kind' | 'baseUrl'>): string {
  const { request } = exchange;
  const url = target.kind === 'mock' && request.url.startsWith(target.baseUrl) ? `${STANDALONE_MOCK_URL}${request.url.slice(target.baseUrl.length)}` : request.url;
  const parts = ['curl', '-i', '-X', request.method, quote(masker.text(url))];
  for (const [name, value] of Object.entries(masker.headers(request.headers, TOKEN_VARIABLE))) {
    // Double quotes only where the shell must fill in the token.
    parts.push('-H', value.includes(TOKEN_VARIABLE) ? `"${name}: ${value.replace(/(["\\`])/g, '\\$1')}"` : quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', quote(masker.text(request.body, TOKEN_VARIABLE)));
  const command = parts.join(' ');
  return target.kind === 'mock' ? `${command}    # start the mock first: npm run mock` : command;
}
