// Passphrase-encrypted backups: wraps the text of an export (whatever JSON
// the export makes) so the file holds none of the reader's words in the
// clear, and unwraps it again on import. WebCrypto only; nothing is sent.
// No DOM here: the workbook page asks for the passphrase.
//
// File format, version 1 (UTF-8 JSON, one object):
//
//   {
//     "format": "rebound-encrypted",
//     "version": 1,
//     "kdf": {"name": "PBKDF2", "hash": "SHA-256", "iterations": 600000,
//             "salt": BASE64 (16 random bytes)},
//     "cipher": {"name": "AES-GCM", "key_bits": 256, "tag_bits": 128,
//                "iv": BASE64 (12 random bytes)},
//     "ciphertext": BASE64 (AES-GCM output: encrypted text, then the 16-byte tag)
//   }
//
// The key is PBKDF2-HMAC-SHA-256 over the passphrase's UTF-8 bytes (as typed,
// not normalised) with the salt, 32 bytes long; the plaintext is the export's
// JSON text in UTF-8. No additional authenticated data. A new salt and IV are
// drawn for every file. The tag covers the ciphertext, so a wrong passphrase
// and a changed or cut file fail the same check: the reader is told both
// causes. Base64 is standard (RFC 4648, with padding). README.md ("Encrypted
// backups") decrypts a file with Python's `cryptography` package.
//
// Iterations: 600,000 for PBKDF2-HMAC-SHA-256, the work factor the OWASP
// Password Storage Cheat Sheet gives for PBKDF2
// (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2;
// read as quoted at https://shaarli.pseudopost.org/?searchtags=passwords).
// A file states its own count, so a later raise keeps old files readable; on
// import the count must lie in [MIN_ITERATIONS, MAX_ITERATIONS], so a crafted
// file can neither weaken the key to nothing nor freeze the tab.

export const FORMAT = "rebound-encrypted";
export const VERSION = 1;
export const ITERATIONS = 600_000;
export const MIN_ITERATIONS = 100_000;
export const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Why a file could not be opened: `reason` is one of
// "damaged" (not a whole encrypted backup: cut short or not JSON),
// "unsupported" (a newer version or other settings),
// "wrongOrChanged" (the passphrase is wrong, or the file was changed).
export class BackupError extends Error {
  constructor(reason) {
    super(reason);
    this.name = "BackupError";
    this.reason = reason;
  }
}

const toBase64 = (bytes) => {
  let binary = "";
  for (let index = 0; index < bytes.length; index += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fromBase64(text) {
  if (typeof text !== "string" || !BASE64.test(text)) throw new BackupError("damaged");
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

async function deriveKey(passphrase, salt, iterations, usage) {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(passphrase),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

// The encrypted file's text for the export `text`.
export async function encrypt(text, passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(passphrase, salt, ITERATIONS, "encrypt");
  const sealed = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, tagLength: TAG_BYTES * 8 },
    key,
    new TextEncoder().encode(text),
  );
  const file = {
    format: FORMAT,
    version: VERSION,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS, salt: toBase64(salt) },
    cipher: { name: "AES-GCM", key_bits: 256, tag_bits: TAG_BYTES * 8, iv: toBase64(iv) },
    ciphertext: toBase64(new Uint8Array(sealed)),
  };
  return JSON.stringify(file, null, 2) + "\n";
}

// The largest encrypted backup of a `plainBytes`-byte export: base64 of the
// text and its tag, plus the JSON around it (a few hundred bytes).
export const sealedSize = (plainBytes) => Math.ceil((plainBytes + TAG_BYTES) / 3) * 4 + 4096;

// Whether `text` looks like an encrypted backup (even a damaged one): it says
// so near its start. A cut file is no longer JSON, so this does not parse.
export function isEncrypted(text) {
  return /^\s*\{\s*"format"\s*:\s*"rebound-encrypted"/.test(String(text).slice(0, 200));
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// The checked header of the encrypted file `text` ({kdf, salt, iv, sealed}),
// or a BackupError; needs no passphrase, so a cut file is refused at once.
export function inspect(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    throw new BackupError("damaged");
  }
  if (!isObject(file) || file.format !== FORMAT) throw new BackupError("damaged");
  if (file.version !== VERSION) throw new BackupError("unsupported");
  const { kdf, cipher } = file;
  if (!isObject(kdf) || !isObject(cipher)) throw new BackupError("damaged");
  if (
    kdf.name !== "PBKDF2" ||
    kdf.hash !== "SHA-256" ||
    !Number.isSafeInteger(kdf.iterations) ||
    kdf.iterations < MIN_ITERATIONS ||
    kdf.iterations > MAX_ITERATIONS ||
    cipher.name !== "AES-GCM" ||
    cipher.key_bits !== 256 ||
    cipher.tag_bits !== TAG_BYTES * 8
  ) {
    throw new BackupError("unsupported");
  }
  const salt = fromBase64(kdf.salt);
  const iv = fromBase64(cipher.iv);
  const sealed = fromBase64(file.ciphertext);
  if (salt.length < SALT_BYTES || iv.length !== IV_BYTES || sealed.length < TAG_BYTES)
    throw new BackupError("damaged");
  return { iterations: kdf.iterations, salt, iv, sealed };
}

// The export text inside the encrypted file `text`, or a BackupError.
export async function decrypt(text, passphrase) {
  const { iterations, salt, iv, sealed } = inspect(text);
  const key = await deriveKey(passphrase, salt, iterations, "decrypt");
  let plain;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, tagLength: TAG_BYTES * 8 },
      key,
      sealed,
    );
  } catch {
    throw new BackupError("wrongOrChanged");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new BackupError("damaged");
  }
}
