// Decode a packed runtime file (a zstd frame, runtime/packed.py) as it
// arrives, so decoding ends with the download instead of starting after it.
//
// fzstd.mjs is the npm package fzstd (MIT), which the build copies beside
// this file and bundles into the worker: browsers decode zstd only as an
// HTTP Content-Encoding, which static hosts do not send for a file.

import { Decompress } from "./fzstd.mjs";

import { DownloadError } from "./download.mjs";

// -> {push(chunk), finish(url) -> the decoded bytes}. `size`: what they must
// add up to (runtime-files.js `packed`); `onPiece(bytes)`: each decoded piece,
// a view of the result that never changes (the WebAssembly compiler reads
// them while the rest arrives).
//
// push() never throws: bytes that do not decode are the download's to judge
// (its size and SHA-256 checks come first), so finish() reports them, as
// "damaged", only when the download itself passed.
export function unpacker(size, onPiece = () => {}) {
  const bytes = new Uint8Array(size);
  let length = 0;
  let problem = null; // the decoder's error, or true when the bytes overflow
  const decoder = new Decompress((piece) => {
    if (problem) return;
    if (length + piece.byteLength > size) {
      problem = true;
      return;
    }
    bytes.set(piece, length);
    onPiece(bytes.subarray(length, length + piece.byteLength));
    length += piece.byteLength;
  });
  const feed = (chunk, last) => {
    if (problem) return;
    try {
      decoder.push(chunk, last);
    } catch (error) {
      problem = error;
    }
  };
  return {
    push: (chunk) => feed(chunk, false),
    finish(url) {
      feed(new Uint8Array(0), true);
      if (problem || length !== size) {
        console.warn("Rebound: a runtime file passed its checks but does not decode:", {
          url: String(url),
          decoded: length,
          size,
          error: problem,
        });
        throw new DownloadError("damaged", url, { received: length, size });
      }
      return bytes;
    },
  };
}
