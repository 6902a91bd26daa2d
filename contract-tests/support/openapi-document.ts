// The bundled spec (generated/openapi.json) as the suites read it: one document whose
// $refs all point inside itself, walked by operation, response and example. Imported, not read
// from disk, so that the contract command carries it inside its one bundled file.
import bundled from '../../generated/openapi.json' with { type: 'json' };

const SPEC_NAME = 'generated/openapi.json';

type Ref = { $ref: string };
export type JsonSchema = Record<string, unknown>;
export interface ExampleObject { summary?: string; value: unknown }
export interface MediaTypeObject { schema?: JsonSchema; examples?: Record<string, ExampleObject | Ref> }
export interface HeaderObject { required?: boolean; schema: JsonSchema; example?: unknown }
export interface LinkObject { operationId?: string; parameters?: Record<string, unknown>; description?: string }
export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, MediaTypeObject>;
  links?: Record<string, LinkObject | Ref>;
}
export interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
  examples?: Record<string, ExampleObject | Ref>;
}
export interface RequestBodyObject { required?: boolean; content: Record<string, MediaTypeObject> }
export interface OperationObject {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  requestBody?: RequestBodyObject | Ref;
  responses: Record<string, ResponseObject | Ref>;
}
export type HttpMethod = 'get' | 'put' | 'post' | 'delete';
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>> & { parameters?: Array<ParameterObject | Ref> }>;
  components: Record<string, Record<string, unknown>>;
}

export const spec = bundled as unknown as OpenApiDocument;

const isRef = (node: unknown): node is Ref =>
  typeof node === 'object' && node !== null && typeof (node as Ref).$ref === 'string';

/** Follows local $refs (`#/components/...`) until it reaches the node itself. */
export function deref<T>(node: T | Ref): T {
  let current: unknown = node;
  const followed: string[] = [];
  while (isRef(current)) {
    const pointer = current.$ref;
    if (followed.includes(pointer)) throw new Error(`$ref ${pointer} leads back to itself (${[...followed, pointer].join(' -> ')}) in ${SPEC_NAME}: one of them must be a schema, not only a $ref.`);
    followed.push(pointer);
    if (!pointer.startsWith('#/')) throw new Error(`Only local $refs are expected in the bundled spec, found ${pointer}`);
    current = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((parent, key) => (parent as Record<string, unknown>)?.[key], spec);
    if (current === undefined) throw new Error(`$ref ${pointer} points at nothing in ${SPEC_NAME}`);
  }
  return current as T;
}

export interface SpecOperation {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  parameters: ParameterObject[];
  requestBody: RequestBodyObject | undefined;
}

const METHODS: HttpMethod[] = ['post', 'get', 'put', 'delete'];

export function listOperations(): SpecOperation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method]!;
      return {
        path,
        method,
        operation,
        parameters: (item.parameters ?? []).map((parameter) => deref(parameter)),
        requestBody: operation.requestBody ? deref(operation.requestBody) : undefined,
      };
    }),
  );
}

export interface NamedExample { name: string; value: unknown }

export function namedExamples(examples: Record<string, ExampleObject | Ref> | undefined): NamedExample[] {
  return Object.entries(examples ?? {}).map(([name, example]) => ({ name, value: deref(example).value }));
}

export const JSON_MEDIA_TYPE = 'application/json';
