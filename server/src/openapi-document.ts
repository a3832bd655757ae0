import { z } from 'zod';
import type { ResponseSpec, RouteSpec } from './api.js';
import { REQUEST_HEADERS, RESPONSE_HEADERS, type RequestHeader, type ResponseHeader } from './openapi-headers.js';
import { Problem } from './schemas/common.js';
import { PROBLEM_CONTENT_TYPE } from '@interview-kit/core/protocol';

/** Headers every response of a status carries (or may carry), whatever the route. */
const HEADERS_BY_STATUS: Record<number, ResponseHeader[]> = {
  401: ['WWW-Authenticate'],
  429: ['Retry-After'],
  503: ['Retry-After'],
};

/** Headers every route reads. */
const EVERY_REQUEST: RequestHeader[] = ['X-Request-Id'];

/** Headers every response carries: the request's id and the rate limits (every request passes the per-address limit). */
const EVERY_RESPONSE: ResponseHeader[] = ['X-Request-Id', 'RateLimit', 'RateLimit-Policy'];

/**
 * The server-wide rate limit per client address applies to every route, before its own checks, so
 * every operation can answer 429.
 */
const ADDRESS_RATE_LIMITED: ResponseSpec = { description: 'Too many requests from this address; see Retry-After', schema: Problem, contentType: PROBLEM_CONTENT_TYPE };

/** What each tag groups, in the order a reader meets them. */
const TAGS: Record<string, string> = {
  sessions: 'Interview sessions: create them, issue participant tokens, start, extend, end and cancel them',
  collaboration: 'Tickets for the collaboration WebSockets and the stored history of the shared document',
  runs: 'Running code in the sandbox, with server-sent events while it runs',
  feedback: "Interviewers' rubric-based feedback",
  scoring: 'Scoring the final code against every test',
  reports: 'The report of a finished session, as JSON, HTML and PDF, and links to share it',
  media: 'Tokens for the video call',
  integrity: 'Integrity signals, recorded with the candidate\'s consent',
  chat: 'The session\'s text chat: written by participants, stamped and shared by the server',
  questions: "The tenant's question bank",
  kits: 'Kits: sets of bank questions a session is made from',
  webhooks: 'Webhook endpoints and their deliveries',
  jobs: 'Background jobs',
  data: 'Export and erasure of candidate data, retention',
  audit: 'The hash-chained audit log',
  operations: 'Health, readiness, metrics, languages, this document and its rendered reference (/docs)',
};

export interface DocumentInfo {
  title: string;
  version: string;
  /** The server's public URL, when configured; the document is then absolute, else relative to where it is served. */
  serverUrl?: string | undefined;
}

/** The OpenAPI 3.1 document of `routes`, with the schemas of the global zod registry as components. */
export function openApiDocument(routes: readonly RouteSpec[], info: DocumentInfo): object {
  const components = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', io: 'input', uri: ref, override: listRecordKeys });
  const schemas = Object.fromEntries(
    Object.entries(components.schemas).map(([name, { $schema: _s, $id: _i, ...schema }]) => [name, schema]),
  );
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of routes) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'The HTTP API of the Interview Kit reference server. Host backends call it with an API key; participants ' +
        'with the short-lived token the host obtained for them. Errors are RFC 9457 `application/problem+json`. ' +
        'The WebSockets (`/v1/collab`, `/v1/signal`, `/v1/runs/interactive`) are described in the AsyncAPI document and in docs/protocol.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: info.serverUrl ?? '/', description: info.serverUrl ? 'This server' : 'This server (the origin serving this document)' }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(routes.flatMap((spec) => spec.tags))]
      .sort((a, b) => tagOrder(a) - tagOrder(b))
      .map((name) => ({ name, description: TAGS[name] ?? name })),
    paths,
    components: {
      schemas,
      parameters: Object.fromEntries(Object.entries(REQUEST_HEADERS).map(([name, parameter]) => [componentName(name), parameter])),
      headers: Object.fromEntries(Object.entries(RESPONSE_HEADERS).map(([name, header]) => [componentName(name), header])),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: "A host backend's API key" },
        participantToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A participant token' },
      },
    },
  };
}

const tagOrder = (tag: string) => {
  const index = Object.keys(TAGS).indexOf(tag);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
};
const ref = (id: string) => `#/components/schemas/${id}`;
const componentName = (header: string) => header.replace(/-/g, '');

/**
 * zod lists the keys of a record over an enum as required but not as properties; name them, so
 * that the document says what each key holds.
 */
function listRecordKeys({ jsonSchema }: { jsonSchema: Record<string, unknown> }): void {
  const required = jsonSchema.required as string[] | undefined;
  if (!jsonSchema.propertyNames || !required?.length || jsonSchema.properties) return;
  jsonSchema.properties = Object.fromEntries(required.map((key) => [key, jsonSchema.additionalProperties ?? {}]));
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): object {
  // Optional query fields wrap a shared schema: refer to it rather than copy it.
  const named = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  const id = z.globalRegistry.get(named)?.id;
  if (id) return { $ref: ref(id) };
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
}

function mediaType(schema: z.ZodType | undefined, example: unknown): object {
  return { ...(schema ? { schema: schemaOf(schema, 'output') } : {}), ...(example === undefined ? {} : { example }) };
}

function response(status: number, r: ResponseSpec): object {
  const headers = [...(HEADERS_BY_STATUS[status] ?? []), ...(r.headers ?? []), ...EVERY_RESPONSE];
  const content = {
    ...(r.schema ? { [r.contentType ?? 'application/json']: mediaType(r.schema, r.example) } : {}),
    ...Object.fromEntries(Object.entries(r.alternatives ?? {}).map(([type, alternative]) => [type, mediaType(alternative.schema, alternative.example)])),
  };
  return {
    description: r.description,
    headers: Object.fromEntries(headers.map((name) => [name, { $ref: `#/components/headers/${componentName(name)}` }])),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

function operation(spec: RouteSpec): object {
  const parameters: object[] =
    spec.params instanceof z.ZodObject
      ? Object.keys(spec.params.shape).map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: schemaOf((spec.params as z.ZodObject).shape[name] as z.ZodType, 'input'),
        }))
      : [];
  if (spec.query instanceof z.ZodObject) {
    const shape = spec.query.shape as Record<string, z.ZodType>;
    for (const [name, schema] of Object.entries(shape)) {
      const description = schema.description ?? (schemaOf(schema, 'input') as { description?: string }).description;
      parameters.push({ name, in: 'query', required: false, schema: schemaOf(schema, 'input'), ...(description ? { description } : {}) });
    }
  }
  for (const header of [...(spec.headers ?? []), ...EVERY_REQUEST]) parameters.push({ $ref: `#/components/parameters/${componentName(header)}` });
  const responses = { ...spec.responses, ...(spec.responses[429] ? {} : { 429: ADDRESS_RATE_LIMITED }) };
  return {
    summary: spec.summary,
    tags: spec.tags,
    operationId: `${spec.method}${spec.path.replace(/[/:{}-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    security: spec.security.map((scheme) => ({ [scheme]: [] })),
    ...(spec.roles && spec.security.includes('participantToken') ? { 'x-roles': spec.roles } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(spec.body, 'input'), ...(spec.bodyExample === undefined ? {} : { example: spec.bodyExample }) } },
          },
        }
      : {}),
    ...(spec.rawBody
      ? {
          requestBody: {
            required: true,
            description: spec.rawBody.description,
            content: { [spec.rawBody.contentType]: { schema: { type: 'string', contentMediaType: spec.rawBody.contentType } } },
          },
        }
      : {}),
    responses: Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, response(Number(status), r)])),
  };
}
