// The page's side of shenbao's WebAssembly module (crates/shenbao-web): how
// a declaration and its attachments become the module's records, and how
// its answers come back. The module's own functions are plain exports over
// its memory; wasm-bindgen's generated glue (`glue`) only supplies what the
// dependencies import (crypto.getRandomValues for hash seeds). No eval: the
// same file runs in the browser and under Node.js (scripts/wasm.sh).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Records: a little-endian u32 length and the name, then a u32 length and
// the bytes (crates/shenbao-web/src/wire.rs). `extra` holds the records an
// operation needs besides (":pointer", ":value", ":key", ":password").
export function records(declaration, asOf, attachments, extra = []) {
  const parts = [];
  const push = (name, data) => {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    for (const field of [encoder.encode(name), bytes]) {
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, field.length, true);
      parts.push(len, field);
    }
  };
  push(":declaration", declaration);
  if (asOf) push(":as-of", asOf);
  for (const [name, data] of extra) push(name, data);
  for (const [path, bytes] of attachments) push(path, bytes);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Today as the call's dates are checked (the module has no clock).
export function today(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// The module's operations (crates/shenbao-web/src/exports.rs). Each takes
// records and answers a file ({ file: { name, bytes } }) or JSON ({ json }).
export function load(glue, wasmBytes) {
  return operations(glue.initSync({ module: wasmBytes }));
}

// The same in a browser, where a module this large must be compiled
// asynchronously (Chromium refuses to compile over 8 MB on the main thread).
export async function loadAsync(glue, wasmBytes) {
  return operations(await glue.default({ module_or_path: wasmBytes }));
}

function operations(x) {
  const call = (fn, input) => {
    const ptr = x.shenbao_alloc(input.length);
    new Uint8Array(x.memory.buffer, ptr, input.length).set(input);
    const len = fn(ptr, input.length);
    x.shenbao_free(ptr, input.length);
    const out = new Uint8Array(x.memory.buffer, x.shenbao_output(), len).slice();
    const body = out.subarray(1);
    switch (out[0]) {
      case 0: {
        const nameLen = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true);
        const name = decoder.decode(body.subarray(4, 4 + nameLen));
        return { file: { name, bytes: body.slice(4 + nameLen) } };
      }
      case 1:
        return { json: JSON.parse(decoder.decode(body)) };
      default:
        throw new Error(`shenbao: ${decoder.decode(body)}`);
    }
  };
  const json = (fn) => (input) => call(fn, input).json;
  return {
    // Hand the attachments over once; later requests say [":files", "stored"].
    setFiles: json(x.shenbao_set_files),
    validate: json(x.shenbao_validate),
    // { file } (the PDF), or { json } (the findings that stop it)
    form: (input) => call(x.shenbao_form, input),
    package: (input) => call(x.shenbao_package, input),
    edit: json(x.shenbao_edit),
    fix: json(x.shenbao_fix),
    read: json(x.shenbao_read),
    fit: json(x.shenbao_fit),
    keygen: json(x.shenbao_keygen),
    keyInfo: json(x.shenbao_key_info),
    about: () => call(x.shenbao_about, records("", null, [])).json,
  };
}
