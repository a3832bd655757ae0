import { createRequire } from 'node:module';
import { z } from 'zod';
import type { Api } from '../api.js';

/** Redoc's standalone bundle, served from this server (no CDN). */
const REDOC_BUNDLE = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
const BUNDLE_PATH = '/docs/redoc.standalone.js';

/**
 * What Redoc needs on the reference page, and nothing else: its script from this origin, the
 * styles it injects, the document fetched from this origin, its search worker (a blob: URL) and
 * its inline images. Every other route keeps the server's `default-src 'none'`.
 */
export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  'worker-src blob:',
  'img-src data:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interview Kit API reference</title>
</head>
<body>
<redoc spec-url="/v1/openapi.json"></redoc>
<script src="${BUNDLE_PATH}"></script>
</body>
</html>
`;

/** The API reference at `/docs`: the OpenAPI document (`/v1/openapi.json`) rendered by Redoc. */
export function registerApiReferenceRoutes(api: Api): void {
  api.route(
    {
      method: 'get',
      path: '/docs',
      summary: 'This API reference, rendered from the OpenAPI document',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'An HTML page', schema: z.string(), contentType: 'text/html' } },
    },
    (_req, res) => {
      res.set('Content-Security-Policy', API_REFERENCE_CSP).type('html').send(page);
    },
  );

  api.route(
    {
      method: 'get',
      path: BUNDLE_PATH,
      summary: "The API reference's renderer (Redoc's standalone bundle)",
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'JavaScript', schema: z.string(), contentType: 'text/javascript' } },
    },
    (_req, res) => {
      res.sendFile(REDOC_BUNDLE, { maxAge: '1d' });
    },
  );
}
