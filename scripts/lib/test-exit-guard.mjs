// Loaded into every test file's process (`--import`): once the file's tests are done, a process
// that something it opened still keeps alive (a socket, an interval) is ended after a grace
// period, with a line naming the file, instead of holding up the whole run. The leak stays
// visible in the output; the results already reported stand.
import { after } from 'node:test';

const GRACE_MS = 10_000;

// The test runner's own process (which starts one process per file) has nothing to guard.
if (process.env.NODE_TEST_CONTEXT) {
  after(() => {
    setTimeout(() => {
      process.stderr.write(`${process.argv[1]}: its tests are done, but something it opened still keeps it running; ending it.\n`);
      process.exit();
    }, GRACE_MS).unref();
  });
}
