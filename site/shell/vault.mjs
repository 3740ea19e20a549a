// The lock's cryptography, one stored value at a time (WebCrypto): what is sealed, with
// which rounds, prefix and marker, is the core's (core/storage/lock.py), kept in the
// lock record itself. The key is made from the passphrase and lives in this page's
// memory only; each value is sealed on its own, with its key as GCM's associated data,
// so an edit seals one record and a value moved to another key does not open.
import { fromBase64, keyFor, toBase64 } from "./sealing.mjs";

const utf8 = new TextEncoder();

/** A value sealed for `key`: the marker, then base64 of a fresh IV and the ciphertext. */
export async function sealValue(lock, key, value) {
  const iv = crypto.getRandomValues(new Uint8Array(lock.iv_bytes));
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(key) }, lock.cryptoKey, utf8.encode(value));
  const both = new Uint8Array(iv.length + sealed.byteLength);
  both.set(iv);
  both.set(new Uint8Array(sealed), iv.length);
  return lock.marker + toBase64(both);
}

/** The plain text of a stored value: a value without the marker is plain already; null
 * when it does not open (another key, or altered). */
export async function openValue(lock, key, stored) {
  if (!stored.startsWith(lock.marker)) return stored;
  try {
    const both = fromBase64(stored.slice(lock.marker.length));
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: both.subarray(0, lock.iv_bytes), additionalData: utf8.encode(key) },
      lock.cryptoKey, both.subarray(lock.iv_bytes));
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}

/** A new lock as the core asked (core.storage.lock.lock_request): its key, and the record
 * to store, which holds everything but the key. */
export async function newLock(how) {
  const salt = crypto.getRandomValues(new Uint8Array(how.salt_bytes));
  const record = {
    ...how.header, format: "tend-lock", salt: toBase64(salt), iv_bytes: how.iv_bytes,
    prefix: how.prefix, marker: how.marker, drop: how.drop,
  };
  const lock = { ...record, cryptoKey: await keyFor(how.passphrase, salt, how.header.iterations) };
  lock.check = await sealValue(lock, how.key, how.check);
  return { lock, record: { ...record, check: lock.check } };
}

/** The stored lock record, or null when there is none or it is not one Tend wrote. */
export function readLock(text) {
  if (text === null) return null;
  try {
    const record = JSON.parse(text);
    const strings = ["salt", "prefix", "marker", "check"].every((name) => typeof record[name] === "string");
    return record?.format === "tend-lock" && strings && Number.isInteger(record.iterations) &&
      Number.isInteger(record.iv_bytes) && Array.isArray(record.drop) && record.prefix ? record : null;
  } catch {
    return null;
  }
}

/** The open lock for `passphrase`, or null when it does not open the check. */
export async function openLock(record, key, passphrase) {
  if (!record.check.startsWith(record.marker)) return null;
  const lock = { ...record, cryptoKey: await keyFor(passphrase, fromBase64(record.salt), record.iterations) };
  return (await openValue(lock, key, record.check)) === null ? null : lock;
}
