// The password-hashing thread (see passwords.ts). Plain JavaScript: it must load in any runtime
// the BFF, the CLI and the tests run in, with no TypeScript loader.
import { scryptSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

let lowered = false;

// The lowest CPU priority for this thread alone, from the first real-cost hash on (on Linux a
// thread is a task with its own id, /proc/thread-self → <pid>/task/<tid>): while requests need
// the core, hashing waits for them, and on an idle machine it runs at full speed. Once lowered it
// stays: raising a priority again needs a privilege the BFF should not have.
function lowerPriority() {
  lowered = true;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
  } catch {
    // Not Linux: still one thread, off libuv's pool.
  }
}

export default function scrypt({ password, salt, keylen, lowPriority, options }) {
  if (lowPriority && !lowered) lowerPriority();
  return scryptSync(password, salt, keylen, options);
}
