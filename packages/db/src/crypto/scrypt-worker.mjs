// The password-hashing thread (see passwords.ts). Plain JavaScript: it must load in any runtime
// the BFF, the CLI and the tests run in, with no TypeScript loader.
import { scryptSync } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

// A lower CPU priority for this thread alone (on Linux a thread is a task with its own id,
// /proc/thread-self → <pid>/task/<tid>): a request that wakes up takes the core from a hash at
// once. Nice 5, not 19: at 19 a machine busy with other work starves hashing for minutes.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 5);
} catch {
  // Not Linux: still one thread, off libuv's pool.
}

export default function scrypt({ password, salt, keylen, options }) {
  return scryptSync(password, salt, keylen, options);
}
