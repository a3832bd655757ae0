import type { Request, Response } from 'express';
import { z } from 'zod';
import { type Api, type Security, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import type { ReportModel } from '../reports/model.js';
import type { PageFormat } from '../schemas/reports.js';
import * as S from '../schemas/common.js';
import * as R from '../schemas/reports.js';

const common = {
  ...COMMON_PROBLEMS,
  403: problemResponse('Only the host and interviewers may read reports'),
  404: problemResponse('No such session'),
};
const linkProblems = {
  401: problemResponse('The link was changed or has expired'),
  404: problemResponse('The session no longer exists'),
  429: problemResponse('Rate limited'),
};
const html = { description: 'One self-contained, printable HTML page', schema: z.string(), contentType: 'text/html' };
const pdf = { description: 'The same report as a PDF', schema: z.string().meta({ format: 'binary' }), contentType: 'application/pdf' };
const pdfUnavailable = problemResponse('Chromium is not available to print PDFs on this server');

/** The page's own policy: inline styles and nothing else (the API's default policy allows nothing). */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Interview reports (JSON, HTML, PDF) for hosts and interviewers, and signed links that open them without an API key. */
export function registerReportRoutes(api: Api, ctx: AppContext): void {
  const { reports, reportLinks } = ctx;
  const privileged = { security: ['apiKey', 'participantToken'] as Security[], roles: ['interviewer'] as const, params: S.SessionIdParams };
  const reportOf = async (res: Response, id: string) => reports.report(await ctx.sessions.forCaller(id, callerOf(res)));

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/report',
      summary: 'The interview report as JSON (host or interviewer): people, times, question, final code, score, runs, code evolution, scorecard',
      tags: ['reports'],
      ...privileged,
      responses: { 200: { description: 'The report', schema: R.Report }, ...common },
    },
    async (_req, res, { params }) => {
      const report = await reportOf(res, params.id);
      res.set(headers(report)).json(report);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/report.html',
      summary: 'The interview report as one self-contained, printable HTML page (host or interviewer)',
      tags: ['reports'],
      ...privileged,
      responses: { 200: html, ...common },
    },
    async (_req, res, { params }) => sendHtml(res, await reportOf(res, params.id)),
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/report.pdf',
      summary: 'The interview report as a PDF on A4 or Letter paper, printed from the HTML report (host or interviewer)',
      tags: ['reports'],
      ...privileged,
      query: R.ReportFormatQuery,
      responses: { 200: pdf, ...common, 503: pdfUnavailable },
    },
    async (_req, res, { params, query }) => sendPdf(res, await reportOf(res, params.id), query.format),
  );

  api.route(
    {
      method: 'post',
      path: '/v1/sessions/:id/report-links',
      summary: "A signed link that opens the session's report (HTML and PDF) without an API key until it expires (host or interviewer)",
      tags: ['reports'],
      ...privileged,
      body: R.CreateReportLinkRequest,
      responses: { 201: { description: 'The link', schema: R.ReportLink }, ...common },
    },
    async (req, res, { params, body }) => {
      const session = await ctx.sessions.forCaller(params.id, callerOf(res));
      const { token, expiresAt } = reportLinks.issue(session.id, body.expiresInSeconds);
      const base = `${origin(req)}/v1/report-links/${token}`;
      res.status(201).set('Cache-Control', 'no-store').json({ url: `${base}/report.html`, pdfUrl: `${base}/report.pdf`, expiresAt: expiresAt.toISOString() });
    },
  );

  const linked = async (token: string) => reports.prepare(reportLinks.verify(token));

  api.route(
    {
      method: 'get',
      path: '/v1/report-links/:token/report.html',
      summary: 'The report a signed link opens, as HTML (no API key: the link is the credential)',
      tags: ['reports'],
      security: [],
      params: R.ReportLinkParams,
      responses: { 200: html, ...linkProblems },
    },
    async (_req, res, { params }) => sendHtml(res, await linked(params.token)),
  );

  api.route(
    {
      method: 'get',
      path: '/v1/report-links/:token/report.pdf',
      summary: 'The report a signed link opens, as a PDF (no API key: the link is the credential)',
      tags: ['reports'],
      security: [],
      params: R.ReportLinkParams,
      query: R.ReportFormatQuery,
      responses: { 200: pdf, ...linkProblems, 503: pdfUnavailable },
    },
    async (_req, res, { params, query }) => sendPdf(res, await linked(params.token), query.format),
  );

  function sendHtml(res: Response, report: ReportModel): void {
    res.set({ ...headers(report), 'Content-Security-Policy': REPORT_CSP }).type('html').send(reports.html(report));
  }

  async function sendPdf(res: Response, report: ReportModel, format: PageFormat): Promise<void> {
    const body = await reports.pdf(report, format);
    const name = `interview-report-${report.session.id}.pdf`.replace(/[^\w.-]/g, '_');
    res.set({ ...headers(report), 'Content-Disposition': `inline; filename="${name}"` }).type('application/pdf').send(body);
  }
}

/** Reports carry personal data: never cached, never sent on as a referrer. */
function headers(report: ReportModel): Record<string, string> {
  return { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Report-Template-Version': String(report.templateVersion) };
}

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
