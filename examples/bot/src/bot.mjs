#!/usr/bin/env node
// Joins an interview as an observer and prints every edit. Usage:
//   INTERVIEW_KIT_SERVER=http://localhost:3000 INTERVIEW_KIT_SESSION=<session id> \
//   INTERVIEW_KIT_TOKEN=<participant token> node examples/bot/src/bot.mjs
// The token is an observer's participant token (POST /v1/sessions/{id}/tokens with the host's API key).
// It is read from the environment, not the command line, where other users of the machine could see it.
import { followEdits } from './edits.mjs';
import { joinSession } from './join.mjs';

const required = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name} (see the comment at the top of this file).`);
    process.exit(2);
  }
  return value;
};

const server = required('INTERVIEW_KIT_SERVER');
const session = required('INTERVIEW_KIT_SESSION');
const token = required('INTERVIEW_KIT_TOKEN');
const stamp = () => new Date().toISOString().slice(11, 23);

try {
  const joined = await joinSession({
    server,
    session,
    token,
    onClose: (code, reason) => console.error(`${stamp()} disconnected (${code}${reason ? `: ${reason}` : ''}); reconnecting`),
    onRefused: (reason) => {
      console.error(`${stamp()} the server refused the token (${reason}); start again with a fresh one`);
      process.exit(1);
    },
  });
  const code = joined.doc.getText('code').toString();
  console.log(`${stamp()} joined ${session}${joined.readOnly ? ' (read-only)' : ''}; the code has ${code.length} characters:`);
  console.log(code);
  followEdits(joined.doc, (line) => console.log(`${stamp()} ${line}`));
  const leave = () => {
    joined.close();
    process.exit(0);
  };
  process.on('SIGINT', leave);
  process.on('SIGTERM', leave);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
