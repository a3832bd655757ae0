import '@interview-kit/room/define'; // registers <interview-room> before React renders it
import type {} from '@interview-kit/room/react'; // <interview-room> in JSX: typed props and events
import { useEffect, useMemo, useState } from 'react';
import { interviewKitServer, tokenProviderFor, type Participant } from './participant.ts';

/**
 * The host's page around one `<interview-room>`: its own header, the room, and a log of what the
 * room told the page. React 19 sets the room's properties (`server`, `session`, `tokenProvider`,
 * `narrowWidth`) and listens to its events through `on<event name>` props.
 */
export function App({ participant }: { participant: Participant | undefined }) {
  const [server, setServer] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [events, setEvents] = useState<string[]>([]);
  const tokenProvider = useMemo(() => participant && tokenProviderFor(participant), [participant]);
  const log = (line: string) => setEvents((lines) => [...lines, line]);

  useEffect(() => {
    interviewKitServer().then(setServer, (error: Error) => setProblem(error.message));
  }, []);

  if (!participant) return <p role="alert">Open a participant link: /room/&lt;session id&gt;/&lt;participant id&gt;.</p>;
  return (
    <>
      <header className="host-header">
        <strong>Acme Hiring</strong> <span>· React host</span>
      </header>
      {problem && <p role="alert">The interview could not be opened: {problem}</p>}
      <section aria-labelledby="events-title">
        <h2 id="events-title">What the room told this page</h2>
        <ol data-testid="events">
          {events.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ol>
      </section>
      {server && (
        <interview-room
          server={server}
          session={participant.sessionId}
          tokenProvider={tokenProvider}
          narrowWidth={720}
          oninterview-session-ready={(event) => log(`Session ready: ${event.detail.view.title} (${event.detail.view.status})`)}
          oninterview-session-end={(event) => log(`Session ended (${event.detail.view.endReason ?? 'no reason given'})`)}
          oninterview-run-complete={(event) => log(`Run finished: ${event.detail.run.verdict}`)}
          oninterview-error={(event) => log(`Error in ${event.detail.source}`)}
        />
      )}
    </>
  );
}
