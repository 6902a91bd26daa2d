// Redocly plugin: every JSON response must use the project's envelope.
// Success (2xx): {success: true, data}. Failure: {success: false, error: {code, message}}.
// The schema is read through $refs and allOf, so envelopes composed from the shared
// SuccessEnvelope/ErrorEnvelope components pass, and hand-rolled look-alikes must match too.

const isJsonMediaType = (mediaType) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType);

/**
 * Merges `required` and `properties` of a schema and of everything it pulls in with allOf.
 * `from` is the file the schema was read from, so that relative $refs resolve from there.
 */
function flattenObjectSchema(schema, resolve, from, seen = new Set()) {
  const { node: resolved, from: source } = resolveNode(schema, resolve, from);
  const merged = { required: new Set(), properties: {}, from: source };
  if (!resolved || typeof resolved !== 'object' || seen.has(resolved)) return merged;
  seen.add(resolved);
  for (const name of resolved.required ?? []) merged.required.add(name);
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    merged.properties[name] = resolveNode(property, resolve, source);
  }
  for (const part of resolved.allOf ?? []) {
    const inner = flattenObjectSchema(part, resolve, source, seen);
    for (const name of inner.required) merged.required.add(name);
    Object.assign(merged.properties, inner.properties);
  }
  return merged;
}

/** Follows $refs (also chains of them); answers the node and the file it stands in. */
function resolveNode(node, resolve, from) {
  let current = { node, from };
  while (current.node && typeof current.node === 'object' && typeof current.node.$ref === 'string') {
    const { node: target, location } = resolve(current.node, current.from);
    current = { node: target, from: location?.source.absoluteRef ?? current.from };
  }
  return current;
}

function envelopeProblems(schema, isSuccess, resolve, from) {
  const problems = [];
  const envelope = flattenObjectSchema(schema, resolve, from);
  const success = envelope.properties.success?.node;
  const expected = isSuccess;
  if (!envelope.required.has('success')) problems.push('`success` must be required');
  if (!success || success.const !== expected) problems.push(`\`success\` must be \`const: ${expected}\``);
  if (isSuccess) {
    if (!envelope.required.has('data')) problems.push('`data` must be required');
    if (envelope.properties.error) problems.push('a success envelope must not declare `error`');
  } else {
    if (!envelope.required.has('error')) problems.push('`error` must be required');
    const error = envelope.properties.error
      ? flattenObjectSchema(envelope.properties.error.node, resolve, envelope.properties.error.from)
      : { required: new Set() };
    for (const field of ['code', 'message']) {
      if (!error.required.has(field)) problems.push(`\`error.${field}\` must be required`);
    }
    if (envelope.properties.data) problems.push('an error envelope must not declare `data`');
  }
  return problems;
}

function ResponseUsesEnvelope() {
  return {
    Response: {
      enter(response, ctx) {
        const status = String(ctx.key);
        const isSuccess = /^2/.test(status);
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (!isJsonMediaType(mediaType)) continue;
          const location = ctx.location.child(['content', mediaType, 'schema']);
          if (!media?.schema) {
            ctx.report({ message: `JSON response ${status} has no schema; give it the ${isSuccess ? 'success' : 'error'} envelope.`, location });
            continue;
          }
          const problems = envelopeProblems(media.schema, isSuccess, ctx.resolve, ctx.location.source.absoluteRef);
          if (problems.length > 0) {
            const wanted = isSuccess
              ? '{success: true, data} (allOf SuccessEnvelope)'
              : '{success: false, error: {code, message}} (ErrorEnvelope)';
            ctx.report({
              message: `JSON response ${status} does not use the envelope ${wanted}: ${problems.join('; ')}.`,
              location,
            });
          }
        }
      },
    },
  };
}

export default function envelopePlugin() {
  return {
    id: 'envelope',
    rules: {
      oas3: {
        'json-responses-use-envelope': ResponseUsesEnvelope,
      },
    },
  };
}
