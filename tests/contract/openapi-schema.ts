import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under ESM its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Json = Record<string, unknown>;

/** Bungie's OpenAPI document, only the parts the contract test reads. */
export type OpenApiSpec = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, { responses?: Record<string, { $ref?: string }> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
};

const SET_SPEC = "set BUNGIE_OPENAPI_SPEC to the path of Bungie's OpenAPI 3.0 spec (openapi.json from github.com/Bungie-net/api), e.g. /work/shared/fixtures/bungie-openapi.json";

/** Reads the spec named by BUNGIE_OPENAPI_SPEC, or throws one sentence saying what to set. */
export function loadSpec(file: string | undefined): OpenApiSpec {
  if (!file) throw new Error(`BUNGIE_OPENAPI_SPEC is not set: ${SET_SPEC}.`);
  let spec: OpenApiSpec;
  try {
    spec = JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApiSpec;
  } catch (error) {
    throw new Error(`BUNGIE_OPENAPI_SPEC (${file}) could not be read as JSON (${(error as Error).message}): ${SET_SPEC}.`);
  }
  if (!spec.openapi?.startsWith('3.0') || !spec.paths || !spec.components?.schemas) throw new Error(`BUNGIE_OPENAPI_SPEC (${file}) is not an OpenAPI 3.0 document: ${SET_SPEC}.`);
  return spec;
}

const INT64 = new Set(['int64', 'uint64']);

/**
 * Turns an OpenAPI 3.0 schema into JSON Schema that ajv checks strictly:
 * - `nullable: true` → also accepts null;
 * - int64 integers also accept a decimal string (Bungie sends int64 values as strings);
 * - enum values (strings of numbers in Bungie's spec) become numbers, and a non-bitmask
 *   `x-enum-reference` restricts the integer to the referenced enum;
 * - objects with `properties` reject any other property (dictionaries keep `additionalProperties`),
 *   and integer-keyed dictionaries (`x-dictionary-key`) only accept integer keys (or, for an
 *   enum key, the enum's names, which is what Bungie really sends);
 * - string/byte (a .NET byte in Bungie's spec) is an integer 0-255;
 * - `x-*`, `example`, `description` and non-date formats are dropped (ajv would not know them).
 */
function convert(node: unknown, spec: OpenApiSpec): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, spec));
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  // OpenAPI 3.0 ignores siblings of $ref.
  if (typeof src.$ref === 'string') return { $ref: src.$ref };
  const out: Json = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-') || key === 'example' || key === 'description' || key === 'nullable' || key === 'format') continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Json).map(([name, s]) => [name, convert(s, spec)]));
    else if (key === 'enum') out.enum = (value as unknown[]).map((v) => (src.type === 'integer' && typeof v === 'string' ? Number(v) : v));
    else if (key === 'items' || key === 'additionalProperties' || key === 'allOf' || key === 'anyOf' || key === 'oneOf' || key === 'not') out[key] = convert(value, spec);
    else out[key] = value;
  }
  if (src.format === 'date-time') out.format = 'date-time';
  const enumRef = src['x-enum-reference'] as { $ref?: string } | undefined;
  if (enumRef?.$ref && src['x-enum-is-bitmask'] === false && !out.enum) {
    const target = spec.components.schemas[enumRef.$ref.replace('#/components/schemas/', '')];
    if (Array.isArray(target?.enum)) out.enum = target.enum.map((v) => Number(v));
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  const dictKey = src['x-dictionary-key'] as Json | undefined;
  if (dictKey?.type === 'integer') out.propertyNames = { pattern: '^-?\\d+$' };
  // Recorded: Bungie keys enum-keyed dictionaries by the enum's names (platformSilver: "TigerPsn", ...).
  const keyEnum = (dictKey?.['x-enum-reference'] as { $ref?: string } | undefined)?.$ref;
  const names = keyEnum ? (spec.components.schemas[keyEnum.replace('#/components/schemas/', '')]?.['x-enum-values'] as { identifier?: string }[] | undefined) : undefined;
  if (dictKey?.type === 'integer' && names?.length) out.propertyNames = { anyOf: [{ pattern: '^-?\\d+$' }, { enum: names.map((n) => n.identifier) }] };
  let result: Json = out;
  // Bungie marks .NET `byte` fields (DestinyColor channels) as string/byte but sends numbers 0-255,
  // which is also how bungie-api-ts types them.
  if (src.type === 'string' && src.format === 'byte') result = { ...out, type: 'integer', minimum: 0, maximum: 255 };
  if (src.type === 'integer' && INT64.has(String(src.format))) {
    const { type: _type, ...rest } = out;
    result = { ...rest, anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?\\d+$' }] };
    if (out.enum) result = out;
  }
  if (src.nullable === true) result = { anyOf: [result, { type: 'null' }] };
  return result;
}

/** Validators for the 200 answers of the spec's operations, found by path and method. */
/** Fields recorded real answers carry that this spec's schemas lack (reality wins over the spec). */
const RECORDED_FIELDS: Record<string, Json> = {
  // dim-linkedaccounts-2025-07-15.json: every platform silver item component has it.
  'Destiny.Entities.Items.DestinyItemComponent': { dismantlePermission: { type: 'integer' } },
};

function withRecordedFields(name: string, schema: unknown): unknown {
  const extra = RECORDED_FIELDS[name];
  if (!extra || !schema || typeof schema !== 'object') return schema;
  const s = schema as Json;
  return { ...s, properties: { ...(s.properties as Json), ...extra } };
}

export class SpecValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; regex: RegExp; params: number }[];

  constructor(private readonly spec: OpenApiSpec) {
    addFormats(this.ajv);
    // Convert each named schema and each response's JSON schema; refs keep their #/components/... form.
    const schemas = Object.fromEntries(Object.entries(spec.components.schemas).map(([name, s]) => [name, withRecordedFields(name, convert(s, spec))]));
    const responses = Object.fromEntries(Object.entries(spec.components.responses).map(([name, r]) => {
      const schema = (r.content as Record<string, { schema?: unknown }> | undefined)?.['application/json']?.schema;
      return [name, { content: { 'application/json': { schema: convert(schema, spec) } } }];
    }));
    this.ajv.addSchema({ $id: 'bungie', components: { schemas, responses } }, 'bungie');
    this.templates = Object.keys(spec.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i'),
      params: (template.match(/\{/g) ?? []).length,
    }));
  }

  /** The spec path template for a URL path under /Platform (fewest parameters wins). */
  operationPath(urlPath: string, method: string): string {
    const path = urlPath.replace(/^\/Platform/i, '');
    const matches = this.templates.filter((t) => t.regex.test(path) && this.spec.paths[t.template]?.[method.toLowerCase()]);
    const best = matches.sort((a, b) => a.params - b.params)[0];
    if (!best) throw new Error(`The spec has no ${method} operation for ${path}.`);
    return best.template;
  }

  /** The compiled validator of an operation's 200 response. */
  validatorFor(template: string, method: string): ValidateFunction {
    const key = `${method} ${template}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const ref = this.spec.paths[template]?.[method.toLowerCase()]?.responses?.['200']?.$ref;
      if (!ref?.startsWith('#/components/responses/')) throw new Error(`${key} has no 200 response $ref in the spec.`);
      const name = ref.slice('#/components/responses/'.length);
      validate = this.ajv.getSchema(`bungie#/components/responses/${encodeURIComponent(name)}/content/application~1json/schema`);
      if (!validate) throw new Error(`Cannot compile the 200 schema of ${key}.`);
      this.cache.set(key, validate);
    }
    return validate;
  }
}

/** Our own schema for Bungie's OAuth token answers and errors (the spec does not describe them). */
export const oauthSchemas = {
  token: {
    type: 'object',
    additionalProperties: false,
    required: ['access_token', 'token_type', 'expires_in', 'refresh_token', 'refresh_expires_in', 'membership_id'],
    properties: {
      access_token: { type: 'string', minLength: 20 },
      token_type: { const: 'Bearer' },
      expires_in: { type: 'integer', minimum: 1 },
      refresh_token: { type: 'string', minLength: 20 },
      refresh_expires_in: { type: 'integer', minimum: 1 },
      membership_id: { type: 'string', pattern: '^\\d+$' },
    },
  },
  error: {
    type: 'object',
    additionalProperties: false,
    required: ['error', 'error_description'],
    properties: {
      error: { enum: ['invalid_grant', 'invalid_client', 'invalid_request', 'unsupported_grant_type'] },
      error_description: { type: 'string', minLength: 1 },
    },
  },
} as const;

/** Compiles a standalone schema with the same options. */
export function compileOwn(schema: object): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true });
  return ajv.compile(schema);
}
