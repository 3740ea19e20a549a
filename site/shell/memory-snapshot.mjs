// A memory snapshot of the core, made in this browser and kept in Cache Storage, so a
// later start skips Python's boot and every import: it restores the memory of a Pyodide
// that had already imported core.app. It holds no user data (it is taken before any
// request) and it is tied to this exact build: the build writes a key over the runtime,
// the wheels, the stdlib and this file, and a snapshot under another key, or whose bytes
// do not hash to what it says, is deleted and the ordinary start is used instead.
//
// Pyodide's own snapshots hold only wasm memory and cannot be taken after loadPackage.
// So the maker installs the wheels itself (no JavaScript handles left in Python), and
// pydantic_core's extension module is loaded before Python starts, at a function-table
// slot and memory address that are the same on every start, as Cloudflare's Python
// Workers do; on restore, memory is grown to the snapshot's size before it is copied in,
// the library's dlopen handles are re-attached and the site-packages files (which live
// outside wasm memory) are written back with their original times. Of the memory, only
// the pages that are not all zero are kept: fresh memory is zero, so the rest is neither
// stored, hashed nor copied. The extension module's bytes are kept too, so a restore
// reads neither the lock file nor the wheel. A restore starts Pyodide as soon as the
// snapshot's first bytes are read, while a worker of its own (snapshot-reader.mjs) reads
// the rest and checks its hash.
import { loadPyodide } from "../pyodide/pyodide.mjs";

// Emscripten's module factory (1.2 MB of JavaScript): imported while the snapshot is read.
const factory = () => import("../pyodide/pyodide.asm.mjs").then((module) => module.default);

const CACHE = "tend-memory-snapshot";
const MAGIC = 0x534e4554; // "TENS"
const FORMAT = 2;
const HEADER = 16;
const TABLE_STEP = 4096;
const PAGE = 65536; // wasm's own page size: memory grows by whole pages

const base = new URL("../pyodide/", import.meta.url).href;
const snapshotUrl = new URL("memory-snapshot.bin", base).href;
const wantedUrl = new URL("memory-snapshot-wanted", base).href;
const refusedUrl = new URL("memory-snapshot-refused", base).href;

async function bytesOf(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The build's key: a hash of everything a snapshot depends on. */
export async function buildKey() {
  return (await (await fetch(new URL("memory-snapshot-key.txt", base))).text()).trim();
}

/** The wheels the core imports, from the lock: tend-core and what it depends on. Read
 * once per worker (making a snapshot asks twice). */
let wheels = null;
function corePackages() {
  wheels ??= readCorePackages();
  return wheels;
}

async function readCorePackages() {
  const { packages } = JSON.parse(new TextDecoder().decode(await bytesOf(`${base}pyodide-lock.json`)));
  const names = new Set();
  const todo = ["tend-core"];
  while (todo.length) {
    const name = todo.pop();
    if (names.has(name)) continue;
    names.add(name);
    todo.push(...packages[name].depends);
  }
  return [...names].sort().map((name) => ({ name, file: packages[name].file_name }));
}

/** One member of a zip file, found by the end of its name, inflated. */
async function zipMember(zip, suffix) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error("not a zip file");
  let at = view.getUint32(end + 16, true);
  const count = view.getUint16(end + 10, true);
  for (let n = 0; n < count; n += 1) {
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (name.endsWith(suffix)) {
      const local = view.getUint32(at + 42, true);
      const size = view.getUint32(at + 20, true);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const packed = zip.subarray(start, start + size);
      if (view.getUint16(at + 10, true) === 0) return { name, bytes: packed };
      const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return { name, bytes: new Uint8Array(await new Response(stream).arrayBuffer()) };
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new Error(`no member ending ${suffix}`);
}

/** pydantic_core's extension module: its path once installed, its bytes, compiled. */
async function extension(sitePackages) {
  const packages = await corePackages();
  const wheel = packages.find(({ name }) => name === "pydantic-core");
  const { name, bytes } = await zipMember(await bytesOf(base + wheel.file), ".so");
  return { path: `${sitePackages}/${name}`, bytes, module: await WebAssembly.compile(bytes) };
}

/** Emscripten's module factory with one step added before Python starts, once
 * `plan.extension` is ready (it is read and checked meanwhile): grow memory to a
 * snapshot's size (restore only), pad the function table to a fixed slot, and load the
 * extension there, as a library dlopen will find already loaded. If it fails, the
 * snapshot's magic number is spoiled, so Pyodide refuses it instead of running on it. */
function preloading(plan, snapshotHeader) {
  const load = (Module, so) => {
    if (plan.heapSize) Module.growMemory(plan.heapSize);
    const table = Module.wasmTable;
    plan.tableBase ??= Math.ceil((table.length + 1) / TABLE_STEP) * TABLE_STEP;
    if (table.length > plan.tableBase) throw new Error("function table past the snapshot's");
    table.grow(plan.tableBase - table.length);
    const dso = Module.newDSO(so.path, undefined, "loading");
    dso.refcount = Infinity;
    dso.global = false;
    dso.exports = Module.loadWebAssemblyModule(so.module, { allowUndefined: true, nodelete: true }, so.path);
    plan.module = Module;
  };
  return (settings) => {
    settings.preRun = [...settings.preRun, (Module) => {
      Module.addRunDependency("tend-extension");
      plan.extension.then((so) => load(Module, so)).catch((error) => {
        plan.failed = error;
        snapshotHeader?.fill(0, 0, 4);
      }).finally(() => Module.removeRunDependency("tend-extension"));
    }];
    // Once Emscripten's own start has written to memory, and before Pyodide reads its
    // header: the snapshot's pages go in, over what that start wrote.
    if (plan.pages) settings.postRun = [...(settings.postRun ?? []), (Module) => {
      if (plan.failed) return;
      try {
        restorePages(Module, plan.pages);
      } catch (error) {
        plan.failed = error;
        snapshotHeader.fill(0, 0, 4);
      }
    }];
    return factory().then((create) => create(settings));
  };
}

/** Pyodide's snapshot in two: its header (magic number, build id, the JavaScript state
 * it keeps) and the pages of wasm memory that are not all zero, as runs of pages
 * ([first, count]) and their bytes one after the other. */
function sparse(snapshot) {
  const headerLength = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];
  const memory = snapshot.subarray(headerLength);
  const runs = [];
  for (let page = 0; page * PAGE < memory.length; page += 1) {
    if (zeroPage(memory, page)) continue;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === page) last[1] += 1;
    else runs.push([page, 1]);
  }
  const bytes = concat(runs.map(([first, count]) => memory.subarray(first * PAGE, (first + count) * PAGE)));
  return { header: snapshot.subarray(0, headerLength), runs, bytes };
}

function zeroPage(memory, page) {
  return new Uint32Array(memory.buffer, memory.byteOffset + page * PAGE, PAGE / 4).every((word) => word === 0);
}

/** Memory as the snapshot has it. Below the break (sbrk), Emscripten's start wrote data,
 * stack and heap, so it is zeroed first; above it, memory is as fresh (grown) as the
 * snapshot's zero pages. */
function restorePages(Module, { runs, bytes }) {
  const heap = Module.HEAPU8;
  heap.fill(0, 0, Module._sbrk(0));
  let at = 0;
  for (const [first, count] of runs) {
    heap.set(bytes.subarray(at, at + count * PAGE), first * PAGE);
    at += count * PAGE;
  }
}

// Where Pyodide 314's Python installs packages; a runtime with another Python has another
// build key, so no snapshot of this one is ever restored there.
const SITE_PACKAGES = "/lib/python3.14/site-packages";

/** Every file under `dir`: [path, mtime in ms, bytes]. */
function filesUnder(FS, dir, skip) {
  const found = [];
  for (const name of FS.readdir(dir)) {
    if (name === "." || name === "..") continue;
    const path = `${dir}/${name}`;
    const stat = FS.stat(path);
    if (FS.isDir(stat.mode)) found.push(...filesUnder(FS, path, skip));
    else if (path !== skip) found.push([path, stat.mtime.getTime(), FS.readFile(path)]);
  }
  return found;
}

/** Boot a Pyodide with the core's wheels installed and core.app imported, and take its
 * memory snapshot: the bytes to keep, with what a restore needs to know. */
export async function makeSnapshot(key) {
  const plan = { extension: extension(SITE_PACKAGES) };
  const pyodide = await loadPyodide({
    indexURL: base, packageBaseUrl: base, _makeSnapshot: true, createPyodideModule: preloading(plan),
  });
  const so = await plan.extension;
  const packages = await corePackages();
  for (const { file } of packages) {
    pyodide.FS.writeFile("/tmp/wheel.zip", await bytesOf(base + file));
    pyodide.runPython(`import zipfile; zipfile.ZipFile("/tmp/wheel.zip").extractall("${SITE_PACKAGES}")`);
  }
  pyodide.FS.unlink("/tmp/wheel.zip");
  // Imported, and every template compiled: what a first answer would otherwise spend.
  pyodide.runPython(`import importlib; importlib.invalidate_caches(); import core.app
from core.views.render import environment
for name in environment().list_templates(): environment().get_template(name)
del name, environment`);
  const libraries = Object.keys(plan.module.LDSO.loadedLibsByName).filter((name) => name !== "__main__");
  if (libraries.join() !== so.path) throw new Error(`libraries loaded after the start: ${libraries}`);
  const handles = Object.entries(plan.module.LDSO.loadedLibsByHandle)
    .filter(([handle, dso]) => Number(handle) !== 0 && dso.name === so.path).map(([handle]) => handle);
  const files = filesUnder(pyodide.FS, SITE_PACKAGES, so.path);
  const memory = sparse(pyodide.makeMemorySnapshot());
  const body = concat([memory.header, so.bytes, memory.bytes, ...files.map(([, , bytes]) => bytes)]);
  const meta = {
    key, sha256: await sha256(body), length: body.length, headerLength: memory.header.length, pages: memory.runs,
    heapSize: plan.module.HEAP8.length,
    tableBase: plan.tableBase, so: so.path, soLength: so.bytes.length, handles,
    files: files.map(([path, mtime, bytes]) => [path, mtime, bytes.length]),
    packages: packages.map(({ name }) => name),
  };
  return concat([header(meta), body]);
}

function header(meta) {
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const padded = Math.ceil((HEADER + json.length) / 8) * 8;
  const bytes = new Uint8Array(padded);
  new Uint32Array(bytes.buffer, 0, 4).set([MAGIC, FORMAT, json.length, padded]);
  bytes.set(json, HEADER);
  return bytes;
}

/** A snapshot's metadata and where its body starts, once `bytes` (its first bytes, from
 * a fresh buffer) hold them; null before. */
function readHeader(bytes) {
  if (bytes.length < HEADER) return null;
  const [magic, format, length, padded] = new Uint32Array(bytes.buffer, 0, 4);
  if (magic !== MAGIC || format !== FORMAT) throw new Error("not a snapshot of this format");
  if (bytes.length < padded) return null;
  return { meta: JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER, HEADER + length))), padded };
}

/** A kept snapshot as it streams out of Cache Storage, so that a start can begin on its
 * first part while the rest is read: its metadata (once it is known to be this build's)
 * and its body, which fills in as it arrives; `arrived(part)` resolves once a part of
 * the body is all in. Fewer bytes than the metadata says, or more, are a damage. */
async function streamed(response, key) {
  const reader = response.body.getReader();
  try {
    let start = new Uint8Array(0);
    let header = null;
    while (!header) {
      const { done, value } = await reader.read();
      if (done) throw new Error("a damaged snapshot");
      start = concat([start, value]);
      header = readHeader(start);
    }
    if (header.meta.key !== key) throw new Error("a snapshot of another build");
    const all = new Uint8Array(header.padded + header.meta.length);
    if (start.length > all.length) throw new Error("a damaged snapshot");
    all.set(start);
    return { meta: header.meta, body: all.subarray(header.padded), arrived: filling(reader, all, start.length) };
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
}

/** Reads the rest of a stream into `all`, from `filled` on; the function returned
 * resolves once a part (a subarray of `all`) is in, and rejects if the stream fails. */
function filling(reader, all, filled) {
  const waiting = [];
  let failure = null;
  const wake = () => {
    for (const wait of waiting.filter(({ end }) => end <= filled || failure)) {
      waiting.splice(waiting.indexOf(wait), 1);
      if (failure) wait.reject(failure);
      else wait.resolve();
    }
  };
  (async () => {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      if (filled + read.value.length > all.length) throw new Error("a damaged snapshot");
      all.set(read.value, filled);
      filled += read.value.length;
      wake();
    }
    if (filled < all.length) throw new Error("a damaged snapshot");
  })().catch((error) => {
    failure = error;
    reader.cancel().catch(() => {});
    wake();
  });
  return (part) => new Promise((resolve, reject) => {
    waiting.push({ end: part.byteOffset + part.length, resolve, reject });
    wake();
  });
}

function concat(parts) {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Keep a snapshot for the next start. */
export async function keepSnapshot(bytes) {
  const cache = await caches.open(CACHE);
  await cache.put(snapshotUrl, new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
}

/** Whether a snapshot is worth making: only from the second ordinary start of a build on,
 * so a single visit never costs a snapshot's tens of megabytes. */
export async function snapshotWanted(key) {
  const cache = await caches.open(CACHE);
  const refused = await cache.match(refusedUrl);
  if (refused && (await refused.text()) === key) return false;
  const seen = await cache.match(wantedUrl);
  if (seen && (await seen.text()) === key) return true;
  await cache.put(wantedUrl, new Response(key));
  return false;
}

async function dropSnapshot() {
  await caches.delete(CACHE);
}

/** A start from the snapshot went wrong after it was restored: it is deleted, and none is
 * made again for this build (the ordinary start is the safe one). */
export async function refuseSnapshot(key, error) {
  await dropSnapshot();
  await (await caches.open(CACHE)).put(refusedUrl, new Response(key));
  console.info(`Tend gave up its memory snapshot for this version: ${error?.message ?? error}`);
}

/** In the snapshot's reader worker: the kept snapshot, posted as it is read. First its
 * metadata and Pyodide's header, or that there is none; then the extension module's
 * bytes; then, once its hash checks out, the whole body (transferred, not copied); or
 * why it does not check out. The first two are copies of bytes the hash covers. */
export async function readSnapshot(key, post) {
  try {
    const kept = await (await caches.open(CACHE)).match(snapshotUrl);
    if (!kept) return post({ none: true });
    const { meta, body, arrived } = await streamed(kept, key);
    const [snapshotHeader, soBytes] = parts(meta, body);
    await arrived(snapshotHeader);
    post({ meta, header: snapshotHeader.slice() });
    await arrived(soBytes);
    post({ so: soBytes.slice() });
    await arrived(body);
    if ((await sha256(body)) !== meta.sha256) throw new Error("a damaged snapshot");
    post({ body: body.buffer, offset: body.byteOffset }, [body.buffer]);
  } catch (error) {
    post({ error: String(error?.message ?? error) });
  }
}

/** A promise with its resolve and reject at hand, for a worker's messages to settle. */
function deferred() {
  const told = {};
  told.promise = new Promise((resolve, reject) => Object.assign(told, { resolve, reject }));
  told.promise.catch(() => {}); // a failure is looked at where it matters
  return told;
}

/** The kept snapshot as its reader worker tells it: promises of its opening (metadata
 * and Pyodide's header, or null), of its extension module's bytes and of its checked
 * body. */
function readInWorker(key) {
  const reader = new Worker(new URL("./snapshot-reader.mjs", import.meta.url), { type: "module" });
  const told = { opened: deferred(), so: deferred(), body: deferred() };
  const fail = (message) => {
    for (const { reject } of Object.values(told)) reject(new Error(message));
    reader.terminate();
  };
  reader.onmessage = ({ data }) => {
    if (data.error) fail(data.error);
    else if (data.none) told.opened.resolve(null);
    else if (data.meta) told.opened.resolve(data);
    else if (data.so) told.so.resolve(data.so);
    else {
      told.body.resolve(new Uint8Array(data.body, data.offset));
      reader.terminate();
    }
  };
  reader.onerror = (event) => fail(event.message);
  reader.postMessage(key);
  return { opened: told.opened.promise, so: told.so.promise, body: told.body.promise };
}

/** A Pyodide restored from the kept snapshot, core.app imported; null when there is none
 * for this build, or it does not check out (it is then deleted). */
export async function startFromSnapshot(key) {
  if (!key || !globalThis.caches || typeof Worker === "undefined") return null;
  factory().catch(() => {});
  const read = readInWorker(key);
  try {
    const opened = await read.opened;
    if (!opened) return null;
    const { meta, header: snapshotHeader } = opened;
    // Pyodide instantiates while the rest is read and checked, and the extension module
    // compiled: both must be done before its memory is restored (compiling runs none of
    // it, and what is compiled is only used once the body it is part of checks out).
    const compiled = read.so.then((bytes) => WebAssembly.compile(bytes));
    compiled.catch(() => {}); // damaged bytes are told by their hash first
    const plan = {
      heapSize: meta.heapSize, tableBase: meta.tableBase, pages: { runs: meta.pages },
      extension: read.body.then(async (body) => {
        const [, bytes, pages, ...files] = parts(meta, body);
        plan.pages.bytes = pages;
        return { path: meta.so, bytes, module: await compiled, files };
      }),
    };
    plan.extension.catch(() => {}); // looked at once Pyodide is ready for it
    const pyodide = await loadPyodide({
      indexURL: base, packageBaseUrl: base, createPyodideModule: preloading(plan, snapshotHeader),
      _loadSnapshot: snapshotHeader,
    }).catch((error) => { throw plan.failed ?? error; });
    const so = await plan.extension;
    const dso = plan.module.LDSO.loadedLibsByName[so.path];
    for (const handle of meta.handles) plan.module.LDSO.loadedLibsByHandle[handle] = dso;
    restoreFiles(pyodide.FS, meta, so.files, so);
    for (const name of meta.packages) pyodide.loadedPackages[name] = "default channel";
    return pyodide;
  } catch (error) {
    await dropSnapshot();
    console.info(`Tend started without its memory snapshot: ${error?.message ?? error}`);
    return null;
  }
}

/** A snapshot body's parts, in order: Pyodide's header, the extension module, the
 * memory pages, then each site-packages file. */
function parts(meta, body) {
  const pages = meta.pages.reduce((sum, [, count]) => sum + count * PAGE, 0);
  let at = 0;
  return [meta.headerLength, meta.soLength, pages, ...meta.files.map(([, , length]) => length)]
    .map((length) => body.subarray(at, (at += length)));
}

function restoreFiles(FS, meta, files, so) {
  const made = new Set();
  const write = (path, bytes, mtime) => {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(dir)) {
      FS.mkdirTree(dir);
      made.add(dir);
    }
    FS.writeFile(path, bytes);
    if (mtime !== undefined) FS.utime(path, mtime, mtime);
  };
  meta.files.forEach(([path, mtime], n) => write(path, files[n], mtime));
  write(so.path, so.bytes);
}
