import { fetchJson, ProblemError, ROLE_LABELS } from './api.js';

/**
 * A participant's page: the host's header around Interview Kit's `<interview-room>`. The room
 * talks to the Interview Kit server itself, with tokens this portal's backend issues for this
 * participant; a token lives in memory only, never in a URL.
 */
const [sessionId = '', participantId = ''] = location.pathname.split('/').slice(2).map(decodeURIComponent);
const participantApi = `/api/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(participantId)}`;

/** Interview Kit's browser bundle, served by this portal: it registers every element. */
const ELEMENTS = '/interview-kit/interview-kit.js';

/**
 * The host's token provider. It returns `{ token, expiresAt }` from the portal's backend; the
 * room calls it again shortly before `expiresAt`, so a long interview never runs on a stale token.
 */
const fetchToken = () => fetchJson(`${participantApi}/token`, { method: 'POST' });

const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * What the page says instead of opening the room, when the room cannot work for this person: a
 * cancelled interview issues no tokens, and an ended one has nothing left for the candidate. An
 * ended interview still opens for interviewers and observers: notes, feedback and the replay.
 *
 * @param {string} status
 * @param {string} role
 * @returns {{ title: string, text: string } | undefined}
 */
function noticeFor(status, role) {
  if (status === 'cancelled') {
    return {
      title: 'This interview was cancelled',
      text: 'This link no longer opens the interview. If it is rescheduled, you will receive a new link.',
    };
  }
  if (status === 'ended' && role === 'candidate') {
    return { title: 'This interview has ended', text: 'Thank you for taking part. You can close this page now.' };
  }
  return undefined;
}

function announce(/** @type {string} */ message) {
  const status = element('room-status');
  status.textContent = message;
  status.classList.add('visually-hidden');
}

async function main() {
  const page = element('room');
  try {
    const [{ serverUrl }, { session, participant }] = await Promise.all([fetchJson('/api/config'), fetchJson(participantApi)]);
    const role = ROLE_LABELS[/** @type {keyof typeof ROLE_LABELS} */ (participant.role)] ?? participant.role;
    document.title = `${session.title} · Acme Hiring`;
    element('viewer').textContent = `${participant.name} · ${role}`;

    const notice = noticeFor(session.status, participant.role);
    if (notice) {
      announce('');
      element('room-notice-title').textContent = notice.title;
      element('room-notice-text').textContent = notice.text;
      element('room-notice').hidden = false;
      return;
    }

    try {
      await import(ELEMENTS);
    } catch {
      throw new ProblemError('The interview room is not available right now. Please try again later.');
    }

    const room = /** @type {HTMLElement & { server: string, session: string, tokenProvider: () => Promise<unknown> }} */ (
      element('interview')
    );
    // Interviewers fill in the scorecard beside the code; the room shows this slot to them only.
    if (participant.role === 'interviewer') {
      const feedback = document.createElement('interview-feedback');
      feedback.slot = 'feedback';
      room.append(feedback);
    }
    room.addEventListener('interview-session-ready', () => announce(`Interview loaded: ${session.title}.`));
    room.addEventListener('interview-session-end', () => announce('The interview has ended.'));
    // A real host would report these to its monitoring; the room shows the participant what to do.
    room.addEventListener('interview-error', (event) => {
      const { source, error } = /** @type {CustomEvent<{ source: string, error: unknown }>} */ (event).detail;
      console.warn(`Interview Kit (${source}):`, error);
    });
    // `?replay` (the list's Replay link) opens an ended interview's room straight into its replay.
    if (new URLSearchParams(location.search).has('replay') && participant.role !== 'candidate') room.setAttribute('replay', '');
    room.tokenProvider = fetchToken;
    room.server = serverUrl;
    room.session = session.id;
    room.hidden = false;
    announce('');
  } catch (error) {
    element('room-status').textContent = '';
    const box = element('room-error');
    box.textContent = `This interview could not be opened. ${error instanceof ProblemError ? error.message : String(error)}`;
    box.hidden = false;
  } finally {
    page.removeAttribute('aria-busy');
  }
}

await main();
