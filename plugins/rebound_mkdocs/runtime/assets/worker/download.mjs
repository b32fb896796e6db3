// Download a runtime file and check it is exactly what the build shipped.
//
// One module for every place that fetches the Python runtime or keeps a
// site file: the Python worker (worker.mjs, boot.mjs) imports it, and the
// offline plugin inlines it at the top of the service worker (sw.js, a
// classic script), which checks every file it stores with it (pages,
// scripts and styles too, against the sizes and hashes the build baked into
// sw.js), so both judge a download the same way. Hence the rules for this file: only
// top-level `export` declarations, no imports, nothing that needs a window.
//
// `expected` is a file's entry in the build's runtime-files.js: {size,
// sha256}, and for a zstd frame `decoded` too, the file it holds
// (utilities/file_entries.py): a host that sends a frame with
// `Content-Encoding: zstd` has the browser decode it on the way, so such a
// response is checked against `decoded` (see `entryFor`). A download
// fails with a DownloadError whose `kind` says what a reader needs to hear:
//   "network"    the connection failed or broke off (fetch or the body errored),
//   "http"       the server answered with an error (`status`),
//   "incomplete" a complete response, but shorter than the file,
//   "damaged"    the right size (or longer) but not the right bytes.
// The page turns a kind into words (page/messages.js).
//
// A URL whose download failed is remembered (Cache Storage, REFETCH_CACHE),
// and its next download, in this visit or a later one, bypasses every cache
// (`cache: "reload"`: the HTTP cache, and the service worker, which passes
// such requests to the network), so a damaged copy a cache kept is never
// used again. `reload: true` does the same on demand (the reader's Retry).

export const REFETCH_CACHE = "rebound-refetch";

export class DownloadError extends Error {
  constructor(kind, url, details = {}) {
    const name = String(url).split("/").pop();
    super(
      `${name}: ${DOWNLOAD_PROBLEMS[kind] ?? kind}${details.status ? ` ${details.status}` : ""}`,
    );
    this.name = "DownloadError";
    this.kind = kind;
    this.url = String(url);
    this.file = name;
    this.status = details.status ?? null;
    this.received = details.received ?? null;
    this.size = details.size ?? null;
  }

  // What the worker posts to the page (an Error does not survive postMessage
  // with its fields).
  toJSON() {
    return {
      kind: this.kind,
      file: this.file,
      status: this.status,
      received: this.received,
      size: this.size,
    };
  }
}

// For the console only; the reader's words are in page/messages.js.
const DOWNLOAD_PROBLEMS = {
  network: "the download was interrupted",
  http: "the server answered",
  incomplete: "the file arrived incomplete",
  damaged: "the file arrived damaged",
};

// The checked bytes of `url` (a Uint8Array). `onChunk(bytes, received)`
// sees each piece as it arrives (progress; or a streaming consumer that must
// drop what it built if this rejects). `onResponse(response)` sees the
// answer's headers before its body is read (the service worker keeps them
// with the bytes it stores).
export async function download(
  url,
  expected,
  { reload = false, onChunk = () => {}, onResponse = () => {}, fetcher = fetch } = {},
) {
  const bypass = reload || (await mustRefetch(url));
  let response;
  try {
    response = await fetcher(url, { cache: bypass ? "reload" : "default" });
  } catch {
    throw await failed(new DownloadError("network", url));
  }
  if (!response.ok) {
    response.body?.cancel().catch(() => {});
    throw await failed(new DownloadError("http", url, { status: response.status }));
  }
  onResponse(response);
  expected = entryFor(response.headers, expected);
  const bytes = new Uint8Array(expected.size);
  let received = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.byteLength > expected.size) {
        reader.cancel().catch(() => {});
        throw new DownloadError("damaged", url, { received: received + value.byteLength });
      }
      bytes.set(value, received);
      received += value.byteLength;
      onChunk(value, received);
    }
  } catch (error) {
    throw await failed(
      error instanceof DownloadError ? error : new DownloadError("network", url, { received }),
    );
  }
  try {
    await check(bytes.subarray(0, received), expected, url);
  } catch (error) {
    throw await failed(error);
  }
  if (bypass) await forget(url);
  return bytes;
}

// The entry a response with these `headers` must match: `expected`, or the
// file a frame holds (`expected.decoded`) when the response says
// `Content-Encoding: zstd`, which the browser decoded on the way, as it does
// for any encoding it knows.
export function entryFor(headers, expected) {
  const decoded = expected.decoded && /\bzstd\b/i.test(headers.get("content-encoding") ?? "");
  return decoded ? expected.decoded : expected;
}

// Throws the DownloadError that `bytes` deserve against `expected`, if any.
export async function check(bytes, expected, url) {
  if (bytes.byteLength < expected.size) {
    throw new DownloadError("incomplete", url, { received: bytes.byteLength, size: expected.size });
  }
  if (bytes.byteLength !== expected.size || (await sha256(bytes)) !== expected.sha256) {
    throw new DownloadError("damaged", url, { received: bytes.byteLength, size: expected.size });
  }
}

export async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// download(), synchronously (a worker only: Python's import system cannot
// wait for a promise). No progress, and the same checks, with sha256Sync.
// Only for a file that ships as it is (the standard library's fallback zip),
// never a zstd frame.
export function downloadSync(url, expected) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  // A synchronous request cannot choose a cache mode; these headers make
  // the browser and the service worker fetch it afresh.
  request.setRequestHeader("Cache-Control", "no-cache");
  request.setRequestHeader("Pragma", "no-cache");
  try {
    request.send();
  } catch {
    throw new DownloadError("network", url);
  }
  if (request.status < 200 || request.status > 299) {
    throw new DownloadError("http", url, { status: request.status });
  }
  const bytes = new Uint8Array(request.response);
  if (bytes.byteLength < expected.size) {
    throw new DownloadError("incomplete", url, { received: bytes.byteLength, size: expected.size });
  }
  if (bytes.byteLength !== expected.size || sha256Sync(bytes) !== expected.sha256) {
    throw new DownloadError("damaged", url, { received: bytes.byteLength, size: expected.size });
  }
  return bytes;
}

// SHA-256 in plain JavaScript (FIPS 180-4), for downloadSync only: the Web
// Crypto API has no synchronous digest.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256Sync(bytes) {
  const length = bytes.byteLength;
  const padded = new Uint8Array((((length + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i += 1) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let i = 0; i < 64; i += 1) {
      const t1 =
        (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [k, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
  }
  return Array.from(h, (word) => word.toString(16).padStart(8, "0")).join("");
}

// Whether `url` failed before (so its next download must skip every cache).
export async function mustRefetch(url) {
  try {
    return Boolean(await (await caches.open(REFETCH_CACHE)).match(String(url)));
  } catch {
    return false; // no Cache Storage here: nothing was remembered either
  }
}

async function failed(error) {
  try {
    await (await caches.open(REFETCH_CACHE)).put(error.url, new Response(error.kind));
  } catch {
    // Without Cache Storage the reader's Retry still bypasses the caches.
  }
  return error;
}

async function forget(url) {
  try {
    await (await caches.open(REFETCH_CACHE)).delete(String(url));
  } catch {
    // Nothing was remembered.
  }
}
