// The page's side of shenbao's WebAssembly module (crates/shenbao-web): how
// a declaration and its attachments become the module's records, and how
// its answers come back. The module's own functions are plain exports over
// its memory; wasm-bindgen's generated glue (`glue`) only supplies what the
// dependencies import (crypto.getRandomValues for hash seeds). No eval: the
// same file runs in the browser and under Node.js (scripts/wasm.sh).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Records: a little-endian u32 length and the name, then a u32 length and
// the bytes (crates/shenbao-web/src/wire.rs).
export function records(declaration, asOf, attachments) {
  const parts = [];
  const push = (name, data) => {
    for (const field of [encoder.encode(name), data]) {
      const len = new Uint8Array(4);
      new DataView(len.buffer).setUint32(0, field.length, true);
      parts.push(len, field);
    }
  };
  push(":declaration", declaration);
  push(":as-of", encoder.encode(asOf));
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

export function load(glue, wasmBytes) {
  const x = glue.initSync({ module: wasmBytes });
  const call = (fn, input) => {
    const ptr = x.shenbao_alloc(input.length);
    new Uint8Array(x.memory.buffer, ptr, input.length).set(input);
    const len = fn(ptr, input.length);
    x.shenbao_free(ptr, input.length);
    const out = new Uint8Array(x.memory.buffer, x.shenbao_output(), len).slice();
    const body = out.subarray(1);
    switch (out[0]) {
      case 0:
        return { pdf: body };
      case 1:
        return { findings: JSON.parse(decoder.decode(body)) };
      default:
        throw new Error(`shenbao: ${decoder.decode(body)}`);
    }
  };
  return {
    validate: (input) => call(x.shenbao_validate, input).findings,
    form: (input) => call(x.shenbao_form, input),
  };
}
