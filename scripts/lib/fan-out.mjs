// Fan-out latency of the collaboration benchmarks: each sender records its keystrokes (its Yjs
// clock and the time it typed), each receiver matches what a remote transaction brought in
// against them, on one clock in one process.

/**
 * Records on `client.latencies` how long each of the other senders' measured keystrokes took to
 * reach `doc`: on every remote transaction, the keystrokes of each sender up to the clock the
 * transaction brought in (`client.seen` keeps, per sender, how far it has matched).
 * @param {import('yjs').Doc} doc
 * @param {{ latencies: number[], seen: Map<number, number> }} client
 * @param {Map<number, { clock: number, at: number, measured: boolean }[]>} sends every sender's keystrokes by client id
 * @param {() => number} clock
 */
export function trackFanOut(doc, client, sends, clock) {
  doc.on('afterTransaction', (tr) => {
    if (tr.local) return;
    const now = clock();
    tr.afterState.forEach((after, sender) => {
      const records = sends.get(sender);
      // Only what this transaction brought in (the receiver's own clock is in the state too).
      if (!records || after <= (tr.beforeState.get(sender) ?? 0)) return;
      let next = client.seen.get(sender) ?? 0;
      while (next < records.length && records[next].clock <= after) {
        if (records[next].measured) client.latencies.push(now - records[next].at);
        next++;
      }
      client.seen.set(sender, next);
    });
  });
}
