// Checked by `tsc` only, never bundled: what the JSX declarations of <interview-room> allow and
// refuse. Each `@ts-expect-error` must meet an error, or the typecheck fails.
import '@interview-kit/room/define';
import type {} from '@interview-kit/room/react';

export const allowed = (
  <interview-room
    server="https://interviews.example.com"
    session="9d41f577"
    tokenProvider={async () => ({ token: 'eyJ…', expiresAt: '2026-01-01T10:15:00.000Z' })}
    narrowWidth={600}
    replay
    theme="dark"
    className="room"
    slot="main"
    ref={(room) => {
      room?.focus();
    }}
    oninterview-run-complete={(event) => event.detail.run.stdout.length}
    oninterview-language-change={(event) => event.detail.language}
  >
    <p slot="ended">Thank you.</p>
  </interview-room>
);

export const refused = [
  // @ts-expect-error `narrowWidth` is a number of pixels
  <interview-room narrowWidth="wide" />,
  // @ts-expect-error `theme` is light, dark or auto
  <interview-room theme="sepia" />,
  // @ts-expect-error no such property (a typo of `session`)
  <interview-room sesion="9d41f577" />,
  // @ts-expect-error a token provider is a function or a token, not a number
  <interview-room tokenProvider={42} />,
  <interview-room
    oninterview-session-end={(event) => {
      // @ts-expect-error the end event tells the session's view, not a run
      return event.detail.run;
    }}
  />,
];
