// Checked by `tsc -p tsconfig.define-only.json`, a program that sees nothing of Interview Kit but
// this file's one import: the define entry alone gives listeners the typed events (the event map).
import '@interview-kit/room/define';

const room = document.createElement('interview-room');
room.addEventListener('interview-run-complete', (event) => {
  const verdict: string = event.detail.run.verdict;
  // @ts-expect-error a run's result has no `view`
  return [verdict, event.detail.view];
});
room.addEventListener('interview-session-end', (event) => {
  const status: string = event.detail.view.status;
  // @ts-expect-error the end event tells the session's view, not a run
  return [status, event.detail.run];
});
