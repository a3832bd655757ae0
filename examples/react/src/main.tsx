import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { participantOfPath } from './participant.ts';

// The page is a participant link of the example portal, with this page's origin:
// /room/<session id>/<participant id>.
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App participant={participantOfPath(location.pathname)} />
  </StrictMode>,
);
