// The bot against a real reference server: it joins as the observer and prints an edit that
// another participant makes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSession, startTestServer } from '../../../server/src/testing/harness.js';
import { connectProvider, until, wsUrl } from '../../../server/src/testing/collab.js';

const BOT = fileURLToPath(new URL('./bot.mjs', import.meta.url));

/** @type {import('../../../server/src/testing/harness.js').TestServer} */
let server;
before(async () => {
  server = await startTestServer({ database: 'sqlite' });
});
after(() => server?.dispose());

/** Starts the bot as a user would (`node bot.mjs`, settings in the environment) and collects what it prints. */
function startBot(env) {
  const child = spawn(process.execPath, [BOT], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output.stderr += chunk));
  return { child, output };
}

test("the bot joins as the observer, read-only, and prints the code and then the candidate's edit", async (t) => {
  const session = await createSession(server);
  const bot = startBot({ INTERVIEW_KIT_SERVER: server.url, INTERVIEW_KIT_SESSION: session.id, INTERVIEW_KIT_TOKEN: session.tokens.oli });
  t.after(async () => {
    if (bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await once(bot.child, 'exit');
    }
  });
  await until(() => /joined/.test(bot.output.stdout) || bot.child.exitCode !== null, 'the bot to join');
  assert.match(bot.output.stdout, new RegExp(`joined ${session.id} \\(read-only\\)`), bot.output.stderr);
  assert.match(bot.output.stdout, /print\(a \+ b\)/);

  const candidate = connectProvider(wsUrl(server), session.id, session.tokens.cam);
  t.after(() => candidate.provider.destroy());
  await until(() => candidate.provider.isSynced, 'the candidate to sync');
  candidate.text.insert(0, '# hello from Cam\n');

  await until(() => bot.output.stdout.includes('code: insert "# hello from Cam\\n" at 0'), `the bot to print the edit; it printed:\n${bot.output.stdout}${bot.output.stderr}`);
});

test('the bot says why when the server refuses its token, and exits', async () => {
  const session = await createSession(server);
  const bot = startBot({ INTERVIEW_KIT_SERVER: server.url, INTERVIEW_KIT_SESSION: session.id, INTERVIEW_KIT_TOKEN: 'not-a-token' });
  const [code] = await once(bot.child, 'exit');
  assert.equal(code, 1);
  assert.match(bot.output.stderr, /refused the collaboration ticket \(401\)/);
});
