// Fan-out latency of the collaboration benchmarks: each sender records its keystrokes (its Yjs
// clock and the time it typed), each receiver matches what arrived against them, on one clock in
// one process.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Records on `client.latencies` how long `sender`'s measured keystrokes up to its Yjs clock
 * `after` took to arrive (`now`); `client.seen` keeps, per sender, how far it has matched.
 * @param {{ latencies: number[], seen: Map<number, number> }} client
 * @param {{ clock: number, at: number, measured: boolean }[]} records the sender's keystrokes
 */
function arrived(client, sender, records, after, now) {
  let next = client.seen.get(sender) ?? 0;
  while (next < records.length && records[next].clock <= after) {
    if (records[next].measured) client.latencies.push(now - records[next].at);
    next++;
  }
  client.seen.set(sender, next);
}

/**
 * Records the other senders' keystrokes as each remote transaction applies them to `doc`: up to
 * the clock the transaction brought in.
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
      arrived(client, sender, records, after, now);
    });
  });
}

/**
 * Reads one Hocuspocus message as it comes off the wire, without applying it: a document update
 * is matched against the other senders' keystrokes (up to each sender's clock in the update, from its
 * header and struct lengths, `Y.parseUpdateMeta`); an awareness update is recognised. Returns
 * whether the message was one of those two (read here, to be dropped), false for any other
 * (authentication, sync handshake, acknowledgements), which the provider must handle.
 * @param {ArrayBuffer | Uint8Array} data
 */
export function readArrival(data, client, sends, now) {
  const decoder = decoding.createDecoder(data instanceof Uint8Array ? data : new Uint8Array(data));
  decoding.readVarString(decoder); // the document's name
  const type = decoding.readVarUint(decoder);
  if (type === 1) return true; // awareness
  // Sync (0), and in it an update (2): the handshake's steps go to the provider.
  if (type !== 0 || decoding.readVarUint(decoder) !== 2) return false;
  const { to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
  to.forEach((after, sender) => {
    const records = sends.get(sender);
    // The receiver's own keystrokes, were a server to send them back, are no delivery.
    if (records && sender !== client.doc.clientID) arrived(client, sender, records, after, now);
  });
  return true;
}
