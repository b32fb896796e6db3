// Read the files out of a wheel (a zip archive), in JavaScript.
//
// Why not Pyodide's own installer: the worker writes the wheel's files into
// the virtual file system before Python starts (see boot.mjs), so nothing is
// left to do in Python, and Python never imports the installer's modules
// (zipfile, email, importlib.metadata...). That shortens the boot, and keeps
// them out of the memory snapshot.
//
// Only what a wheel built by our own build needs: stored or deflated
// entries, no zip64, no encryption. Anything else is refused, never guessed.

const END = 0x06054b50; // end of central directory
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

// Entry names are relative paths of plain segments: nothing that could
// leave the target directory, nothing a file system would read differently.
const SAFE_NAME = /^(?!.*\/\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._+-][A-Za-z0-9._+/-]*$/;

// A refused archive: `code` and `params` for the page, which words it in the
// reader's language (messages.js `worker`, by code); the English message is
// the developers' detail, for the console.
export class ZipError extends Error {
  name = "ZipError";
  constructor(code, params, detail) {
    super(detail);
    this.code = code;
    this.params = params;
  }
}

// {path, bytes} for every file in `buffer` (an ArrayBuffer or a view).
export async function unzip(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = [];
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL) {
      throw new ZipError("zipListDamaged", [], "the wheel's file list is damaged");
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = new TextDecoder("utf-8", { fatal: true }).decode(
      bytes.subarray(at + 46, at + 46 + nameLength),
    );
    at += 46 + nameLength + skip;
    if (path.endsWith("/")) continue; // a directory: made as files need them
    if (!SAFE_NAME.test(path))
      throw new ZipError("zipUnsafeName", [path], `the wheel holds an unsafe name: ${path}`);
    if (flags & 1) throw new ZipError("zipEncrypted", [path], `${path} is encrypted`);
    if (packed === 0xffffffff || size === 0xffffffff)
      throw new ZipError("zipNeedsZip64", [path], `${path} needs zip64`);
    if (local + 30 > view.byteLength || view.getUint32(local, true) !== LOCAL) {
      throw new ZipError("zipDamagedEntry", [path], `${path}: damaged entry`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + packed > bytes.byteLength)
      throw new ZipError("zipTruncatedEntry", [path], `${path}: truncated entry`);
    const data = bytes.subarray(start, start + packed);
    files.push(inflate(path, method, data, size));
  }
  return Promise.all(files);
}

function findEnd(view) {
  // The end record is the last 22 bytes, unless the archive has a comment.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === END) return at;
  }
  throw new ZipError("notZip", [], "not a zip archive");
}

async function inflate(path, method, data, size) {
  let out;
  if (method === 0) {
    out = data.slice();
  } else if (method === 8) {
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    out = new Uint8Array(await new Response(stream).arrayBuffer());
  } else {
    throw new ZipError("zipMethod", [path, method], `${path} uses compression method ${method}`);
  }
  if (out.byteLength !== size)
    throw new ZipError("zipWrongSize", [path], `${path}: wrong size after unpacking`);
  return { path, bytes: out };
}
