/**
 * `npm run screenshots`: renders the room as people see it — both roles, each state of the
 * interview (lobby with the disclosure of what is recorded, live after a failing test run, ended,
 * replay; the replay with the candidate's recording, its captions and the assistant's draft,
 * `recording-*`), wide, narrow and dark, the lobby of a session recording the call
 * (`lobby-with-consent-*`), the shared whiteboard (dark), and in Arabic (right to left,
 * `room-ar-*`) — into docs/screenshots/, against the real server in real Chromium with a fake
 * camera. Transcripts and the assistant's draft come from the local stand-in of the model
 * endpoints (scripts/lib/model-stand-ins.mjs): no model runs here.
 *
 * `npm run screenshots -- --only live` renders the states whose name contains "live".
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright';
import { createSession, type CreatedSession } from '@interview-kit/core/testing';
import { InterviewClient, RECORDING_NOTICE_VERSION, type CreateSessionRequest, type Role } from '@interview-kit/core';
import { startRoomStage, until } from '../e2e/support.js';
import { startModelStandIns } from './lib/model-stand-ins.mjs';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** The looks every state is rendered in. */
const VARIANTS = [
  { name: 'wide', viewport: { width: 1440, height: 900 }, colorScheme: 'light' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1440, height: 900 }, colorScheme: 'dark' },
] as const;

type Variant = (typeof VARIANTS)[number];

/** A realistic question whose starter code is almost right: one test of three fails. */
function interview(overrides: Partial<CreateSessionRequest> = {}): CreateSessionRequest {
  return {
    title: 'Backend engineer — pair programming',
    question: {
      prompt: [
        '## Running totals',
        '',
        'Read integers, one per line, and print the **running total** after each one.',
        '',
        '> Negative numbers are allowed; the input may be empty.',
        '',
        '| Input | Output |',
        '| ----- | ------ |',
        '| `3 4 -2` | `3 7 5` |',
        '',
        'Start from the `running_totals` function:',
        '',
        '```python',
        'def running_totals(values: list[int]) -> list[int]: ...',
        '```',
      ].join('\n'),
      language: 'python',
      starterCode: [
        'import sys',
        '',
        '',
        'def running_totals(values):',
        '    totals = []',
        '    total = 0',
        '    for value in values:',
        '        total += abs(value)',
        '        totals.append(total)',
        '    return totals',
        '',
        '',
        'values = [int(line) for line in sys.stdin.read().split()]',
        'for total in running_totals(values):',
        '    print(total)',
        '',
      ].join('\n'),
      tests: [
        { stdin: '1\n2\n3\n', expected: '1\n3\n6\n', hidden: false },
        { stdin: '3\n4\n-2\n', expected: '3\n7\n5\n', hidden: false },
        { stdin: '', expected: '', hidden: false },
        { stdin: '-1\n-1\n', expected: '-1\n-2\n', hidden: true },
      ],
    },
    participants: [
      { id: 'ivy', name: 'Ivy Chen', role: 'interviewer' },
      { id: 'cam', name: 'Cam Okafor', role: 'candidate' },
    ],
    durationMinutes: 45,
    ...overrides,
  };
}

const { values: args } = parseArgs({ options: { only: { type: 'string' } } });

const models = await startModelStandIns();
const stage = await startRoomStage({ TRANSCRIBE_URL: `${models.url}/v1`, ASSISTANT_URL: models.url, RECORDING_LATE_CHUNK_GRACE_MS: '0', JOB_POLL_MS: '100' });
const reference = stage.reference;
let taken = 0;

/** A participant's page with the room, in one look. */
async function open(session: CreatedSession, role: Role, variant: Variant): Promise<Page> {
  const page = await stage.open({
    sessionId: session.id,
    token: session.tokenFor(role),
    viewport: variant.viewport,
    colorScheme: variant.colorScheme,
    feedback: role === 'interviewer',
  });
  await until(page, () => (window as any).find('[part="header"]'), `the ${role}'s room`);
  return page;
}

/** Waits for fonts, layout and the editor's first paint to settle, then saves the page. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  taken += 1;
  console.log(`docs/screenshots/${name}.png`);
}

/** The candidate agrees to what the interview records (the disclosure shown until then). */
async function consent(page: Page): Promise<void> {
  await until(page, () => (window as any).find('[part="consent-button"]'), 'the consent button');
  await page.evaluate(() => ((window as any).find('[part="consent-button"]') as HTMLElement).click());
  await until(page, () => !(window as any).find('[part="consent-button"]'), 'the consent to be stored');
}

/** Joins the call so the video rail shows the other person large and oneself small. */
async function joinCall(page: Page): Promise<void> {
  await until(page, () => (window as any).find('interview-video'), 'the video element');
  await page.evaluate(() => ((window as any).find('interview-video') as any).join?.());
}

/** Runs the code with `tests` (every test by default) and waits for the outcome line to match `outcome`. */
async function runTests(page: Page, outcome: RegExp, tests: number[] | 'all' = 'all'): Promise<void> {
  await until(page, () => (window as any).find('interview-run-panel', '[part="run-button"]'), 'the run panel');
  const matches = `${outcome}.test(window.find('interview-run-panel', '[part~="outcome"]')?.textContent ?? '')`;
  await page.evaluate((selected) => ((window as any).find('interview-run-panel') as any).run({ tests: selected }), tests);
  await until(page, matches, `a run whose outcome matches ${outcome}`);
}

/** Types the fix of the starter code's bug (abs) into the shared editor, as the candidate would. */
async function typeFix(page: Page): Promise<void> {
  // On a phone the code is a tab of its own.
  await page.evaluate(() => ((window as any).find('#tab-code') as HTMLElement | null)?.click());
  await until(page, () => (window as any).find('interview-editor', '.cm-content')?.getBoundingClientRect().height > 0, 'the editor');
  // Select the bug in the editor, then type over it.
  await page.evaluate(() => {
    const view = ((window as any).find('interview-editor') as any).view;
    const from = view.state.doc.toString().indexOf('abs(value)');
    view.dispatch({ selection: { anchor: from, head: from + 'abs(value)'.length } });
    view.focus();
  });
  await page.keyboard.type('value', { delay: 60 });
}

/** A request to the reference server with a participant's token or the host's API key; resolves with the JSON answer. */
async function api(path: string, bearer: string, method = 'GET', body?: unknown): Promise<any> {
  const response = await fetch(new URL(path, reference.url), {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * Begins the candidate's recording on the server and records their fake camera and microphone in
 * their page (as their browser would); {@link uploadRecording} ends it. Resolves with its id.
 */
async function startRecording(page: Page, session: CreatedSession): Promise<string> {
  const recording = await api(`/v1/sessions/${session.id}/recordings`, session.tokenFor('candidate'), 'POST', { mimeType: 'video/webm;codecs=vp8,opus' });
  await page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
    const parts: Blob[] = [];
    recorder.ondataavailable = (event) => parts.push(event.data);
    recorder.start();
    (window as any).recording = { stream, recorder, parts };
  });
  return recording.id;
}

/** Stops the candidate's recording and uploads it as one chunk through the recordings API. */
async function uploadRecording(page: Page, session: CreatedSession, recordingId: string): Promise<void> {
  await page.evaluate(
    async ({ url, token }) => {
      const { stream, recorder, parts } = (window as any).recording;
      await new Promise((resolve) => {
        recorder.onstop = resolve;
        recorder.stop();
      });
      stream.getTracks().forEach((track: MediaStreamTrack) => track.stop());
      const response = await fetch(url, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: new Blob(parts) });
      if (!response.ok) throw new Error(`upload: ${response.status}`);
    },
    { url: `${reference.url}/v1/sessions/${session.id}/recordings/${recordingId}/chunks/0`, token: session.tokenFor('candidate') },
  );
}

/** Shows the page in `lang` (the document's language, which the room and its parts follow) and waits for the room to take it. */
async function inLanguage(page: Page, lang: string): Promise<void> {
  await page.evaluate((tag) => (document.documentElement.lang = tag), lang);
  await until(page, `window.find('[part="base"]')?.getAttribute('lang') === ${JSON.stringify(lang)}`, `the room in ${lang}`);
}

const states: Record<string, (variant: Variant) => Promise<void>> = {
  async lobby(variant) {
    const session = await createSession(reference, interview({ autoStart: 'manual' }), { start: false });
    for (const role of ['interviewer', 'candidate'] as const) {
      const page = await open(session, role, variant);
      await until(page, () => (window as any).find('[part="lobby"]'), 'the lobby');
      await shoot(page, `lobby-${role}-${variant.name}`);
    }
  },
  async live(variant) {
    const session = await createSession(reference, interview());
    const candidate = await open(session, 'candidate', variant);
    const interviewer = await open(session, 'interviewer', variant);
    await consent(candidate);
    await Promise.all([joinCall(candidate), joinCall(interviewer)]);
    await runTests(candidate, /failed/i);
    const failed = () => /failed/i.test((window as any).find('interview-run-panel')?.shadowRoot?.textContent ?? '');
    await until(interviewer, failed, 'the run to reach the interviewer');
    await shoot(candidate, `live-candidate-${variant.name}`);
    await shoot(interviewer, `live-interviewer-${variant.name}`);
  },
  async ended(variant) {
    const session = await createSession(reference, interview());
    const candidate = await open(session, 'candidate', variant);
    const interviewer = await open(session, 'interviewer', variant);
    await consent(candidate);
    // Some history to replay: a failing run, the fix typed in, a passing run.
    await runTests(candidate, /failed/i);
    await typeFix(candidate);
    // The hidden tests of the first run are still pending (one such run at a time): the visible ones.
    await runTests(candidate, /passed/i, [0, 1, 2]);
    await until(interviewer, () => (window as any).find('[part="end-button"]'), 'the End button');
    await interviewer.evaluate(() => ((window as any).find('[part="end-button"]') as HTMLElement).click());
    await interviewer.evaluate(() => ((window as any).find('dialog[part="end-dialog"] button[value="end"]') as HTMLElement).click());
    await until(candidate, () => (window as any).ended, 'the end');
    await until(interviewer, () => (window as any).find('[part="replay-button"]'), 'the Replay button');
    await shoot(candidate, `ended-candidate-${variant.name}`);
    await shoot(interviewer, `ended-interviewer-${variant.name}`);
    await interviewer.evaluate(() => ((window as any).find('[part="replay-button"]') as HTMLElement).click());
    await until(interviewer, () => (window as any).find('interview-editor', '[part="scrubber"]'), 'the replay');
    await shoot(interviewer, `replay-interviewer-${variant.name}`);
  },
  /** The candidate's lobby of a session recording the call (wide and narrow): the recording notice, the interviewer having agreed. */
  async consent(variant) {
    if (variant.name === 'dark') return;
    const session = await createSession(reference, interview({ autoStart: 'manual', recording: 'audio+video', integrity: 'off' }), { start: false });
    const interviewer = new InterviewClient({ server: reference.url, tokenProvider: session.tokenFor('interviewer') });
    await interviewer.giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);
    const page = await open(session, 'candidate', variant);
    await until(page, () => (window as any).find('[part="recording-consents"]')?.textContent?.includes('agreed'), 'the recording notice');
    await shoot(page, `lobby-with-consent-${variant.name}`);
  },
  /** The shared whiteboard (dark only): a system-design sketch both participants drew, as the interviewer sees it. */
  async whiteboard(variant) {
    if (variant.name !== 'dark') return;
    const session = await createSession(reference, interview());
    const candidate = await open(session, 'candidate', variant);
    const interviewer = await open(session, 'interviewer', variant);
    await consent(candidate);
    for (const page of [candidate, interviewer]) {
      await page.evaluate(() => ((window as any).find('#centre-tab-whiteboard') as HTMLElement).click());
      await until(page, () => (window as any).find('interview-whiteboard')?.model && !(window as any).find('interview-whiteboard').readOnly, 'the whiteboard');
    }
    // Plain data and loops only: the page gets these functions as text (no helpers of the bundler).
    await candidate.evaluate(() => {
      const board = (window as any).find('interview-whiteboard').model;
      const shapes = [
        { kind: 'rect', x: 40, y: 60, w: 150, h: 70, colour: 'ink', text: '' },
        { kind: 'text', x: 62, y: 78, w: 0, h: 0, colour: 'ink', text: 'Browser' },
        { kind: 'rect', x: 300, y: 60, w: 170, h: 70, colour: '#2563eb', text: '' },
        { kind: 'text', x: 318, y: 78, w: 0, h: 0, colour: 'ink', text: 'API server' },
        { kind: 'ellipse', x: 300, y: 240, w: 170, h: 80, colour: '#16a34a', text: '' },
        { kind: 'text', x: 345, y: 265, w: 0, h: 0, colour: 'ink', text: 'Postgres' },
      ];
      for (const shape of shapes) board.add({ ...shape, points: [] });
      board.addStroke('arrow', [190, 95, 300, 95], 'ink');
      board.addStroke('arrow', [385, 130, 385, 240], 'ink');
    });
    await interviewer.evaluate(() => {
      const board = (window as any).find('interview-whiteboard').model;
      board.add({ kind: 'rect', x: 560, y: 60, w: 150, h: 70, points: [], colour: '#d97706', text: '' });
      board.add({ kind: 'text', x: 590, y: 78, w: 0, h: 0, points: [], colour: 'ink', text: 'Redis' });
      board.addStroke('line', [470, 95, 560, 95], '#d97706');
      board.add({ kind: 'note', x: 560, y: 200, w: 220, h: 120, points: [], colour: '#d97706', text: 'Cache the running\ntotals per user?\nInvalidate on write.' });
      // A freehand circle around the database.
      const points: number[] = [];
      for (let i = 0; i <= 40; i++) points.push(385 + 110 * Math.cos((i / 40) * 2 * Math.PI + 0.3) + (i % 3), 280 + 60 * Math.sin((i / 40) * 2 * Math.PI + 0.3));
      board.addStroke('pen', points, '#dc2626');
    });
    await until(interviewer, () => (window as any).find('interview-whiteboard').shapes.length === 13, 'every shape at the interviewer');
    // Zoomed out a step, so that the whole sketch fits the centre column.
    await interviewer.evaluate(() => {
      const board = (window as any).find('interview-whiteboard');
      board.viewport.zoomBy(0.8, 0, 0);
      board.requestUpdate();
    });
    await shoot(interviewer, `whiteboard-interviewer-${variant.name}`);
  },
  /** The replay with the candidate's recording: the video large, captions under it, the transcript searched, the assistant's draft in the tools. */
  async recording(variant) {
    const session = await createSession(reference, interview({ recording: 'audio+video' }));
    for (const role of ['interviewer', 'candidate'] as const) await api(`/v1/sessions/${session.id}/recording-consent`, session.tokenFor(role), 'POST', { textVersion: 1 });
    const candidate = await open(session, 'candidate', variant);
    const interviewer = await open(session, 'interviewer', variant);
    await consent(candidate);
    const recordingId = await startRecording(candidate, session);
    await runTests(candidate, /failed/i);
    await typeFix(candidate);
    await runTests(candidate, /passed/i, [0, 1, 2]);
    await uploadRecording(candidate, session, recordingId);
    await until(interviewer, () => (window as any).find('[part="end-button"]'), 'the End button');
    await interviewer.evaluate(() => ((window as any).find('[part="end-button"]') as HTMLElement).click());
    await interviewer.evaluate(() => ((window as any).find('dialog[part="end-dialog"] button[value="end"]') as HTMLElement).click());
    for (let tries = 0; (await api(`/v1/sessions/${session.id}/assistant`, reference.apiKey)).status !== 'ready'; tries++) {
      if (tries > 100) throw new Error('the transcript and the assistant’s draft did not come');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await until(interviewer, () => (window as any).find('[part="replay-button"]'), 'the Replay button');
    await interviewer.evaluate(() => ((window as any).find('[part="replay-button"]') as HTMLElement).click());
    await interviewer.evaluate(() => ((window as any).find('#tab-code') as HTMLElement | null)?.click());
    await until(interviewer, () => (window as any).find('interview-replay-media', '[part="transcript-segment"]'), 'the recording and its transcript');
    // Words searched for, and the moment of the one found shown: its caption under the video.
    await interviewer.evaluate(() => {
      const search = (window as any).find('interview-replay-media', '[part="transcript-search"]') as HTMLInputElement;
      search.value = 'edge';
      search.dispatchEvent(new Event('input'));
    });
    await until(interviewer, () => (window as any).find('interview-replay-media', '[part="transcript-matches"]')?.textContent?.trim(), 'the match');
    await interviewer.evaluate(() => ((window as any).find('interview-replay-media', '[part="transcript-segment"]') as HTMLElement).click());
    await until(interviewer, () => (window as any).find('interview-replay-media', '[part="caption"]'), 'the caption');
    // Wide, the Assistant tool beside it (narrow, it is a tab of its own).
    if (variant.name !== 'narrow') {
      await interviewer.evaluate(() => ((window as any).find('#tool-tab-assistant') as HTMLElement).click());
      await until(interviewer, () => (window as any).find('interview-assistant-draft', '[part="assistant-draft"]'), 'the draft');
    }
    await shoot(interviewer, `recording-replay-interviewer-${variant.name}`);
  },
  /** The room in Arabic, right to left (wide only): the lobby, and the live room after a failing run. */
  async arabic(variant) {
    if (variant.name !== 'wide') return;
    const scheduled = await createSession(reference, interview({ autoStart: 'manual' }), { start: false });
    const waiting = await open(scheduled, 'candidate', variant);
    await inLanguage(waiting, 'ar');
    await until(waiting, () => (window as any).find('[part="lobby"]'), 'the lobby');
    await shoot(waiting, `room-ar-lobby-candidate-${variant.name}`);
    const session = await createSession(reference, interview());
    // Each in Arabic before the other arrives, so that the notice of the arrival is in Arabic too.
    const candidate = await open(session, 'candidate', variant);
    await inLanguage(candidate, 'ar');
    const interviewer = await open(session, 'interviewer', variant);
    await inLanguage(interviewer, 'ar');
    await consent(candidate);
    await Promise.all([joinCall(candidate), joinCall(interviewer)]);
    await runTests(candidate, /فشل/);
    await until(interviewer, () => (window as any).find('interview-run-panel', '[part~="outcome"]'), 'the run to reach the interviewer');
    await shoot(candidate, `room-ar-live-candidate-${variant.name}`);
    await shoot(interviewer, `room-ar-live-interviewer-${variant.name}`);
  },
};

try {
  mkdirSync(OUT, { recursive: true });
  for (const [state, render] of Object.entries(states)) {
    if (args.only && !state.includes(args.only)) continue;
    for (const variant of VARIANTS) {
      await render(variant);
      await stage.closePages();
    }
  }
  console.log(`${taken} screenshots`);
} finally {
  await stage.stop();
  await models.close();
}
