// Sealing backups with a passphrase (WebCrypto): PBKDF2-HMAC-SHA256 → AES-256-GCM.
// The scheme, its parameters and the file's fields are the core's (core/formats/sealing.py);
// this only does the cryptography the core cannot do inside Pyodide.
const utf8 = new TextEncoder();

/** Bytes as standard base64, in slices: a backup may be megabytes long. */
export function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function keyFor(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", utf8.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** The sealed file's text for `text`, as the core asked (core.formats.sealing.seal_request). */
export async function seal(text, { passphrase, header, salt_bytes, iv_bytes }) {
  const salt = crypto.getRandomValues(new Uint8Array(salt_bytes));
  const iv = crypto.getRandomValues(new Uint8Array(iv_bytes));
  const key = await keyFor(passphrase, salt, header.iterations);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, utf8.encode(text)));
  const sealed = { ...header, salt: toBase64(salt), iv: toBase64(iv), ciphertext: toBase64(ciphertext) };
  return JSON.stringify(sealed, null, 2) + "\n";
}

/** The text inside a sealed file the core has checked, or null when the passphrase
 * does not open it (GCM's tag does not match: wrong passphrase or an altered file). */
export async function unseal({ salt, iv, iterations, ciphertext }, passphrase) {
  const key = await keyFor(passphrase, fromBase64(salt), iterations);
  try {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv) }, key, fromBase64(ciphertext));
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    return null;
  }
}
