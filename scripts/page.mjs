// Builds the offline page, shenbao.html (docs/web.md): one file holding the
// style, the scripts and the WebAssembly module (gzip, then base64; the page
// inflates it with the browser's DecompressionStream), under a
// Content-Security-Policy that allows only those inline parts (by hash) and
// no network at all. Run by scripts/page.sh:
//   node scripts/page.mjs GLUE_DIR OUT.html
// GLUE_DIR holds wasm-bindgen's output (--target web).
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync, constants } from "node:zlib";
import { join } from "node:path";

const [, , glueDir, out] = process.argv;
if (!glueDir || !out) {
  console.error("usage: node scripts/page.mjs GLUE_DIR OUT.html");
  process.exit(2);
}

// The page's modules, each after those it imports; "./glue.mjs" is
// wasm-bindgen's output.
const modules = [
  ["./i18n.mjs", "web/i18n.mjs"],
  ["./core.mjs", "web/core.mjs"],
  ["./form.mjs", "web/form.mjs"],
  ["./glue.mjs", join(glueDir, "shenbao_web.js")],
  ["./app.mjs", "web/app.mjs"],
];

// A module as a function returning its exports: `import { a } from "./x.mjs"`
// reads them from the one before. Only the forms these files use.
function wrap(name, source, index) {
  const exported = [];
  const from = (path) => {
    const at = modules.findIndex(([n]) => n === path);
    if (at < 0 || at >= index) throw new Error(`${name}: cannot import ${path}`);
    return `__modules[${JSON.stringify(path)}]`;
  };
  let body = source.replace(/^import \{([^}]*)\} from "([^"]+)";$/gm, (_, names, path) => `const {${names}} = ${from(path)};`);
  body = body.replace(/^import \* as ([\w$]+) from "([^"]+)";$/gm, (_, id, path) => `const ${id} = ${from(path)};`);
  body = body.replace(/^export (async function|function|const|class) ([A-Za-z_$][\w$]*)/gm, (_, kind, id) => {
    exported.push(id);
    return `${kind} ${id}`;
  });
  body = body.replace(/^export \{([^}]*)\};$/gm, (_, list) => {
    for (const item of list.split(",")) {
      const [local, as] = item.trim().split(/\s+as\s+/);
      exported.push(as ? `${as}: ${local}` : local);
    }
    return "";
  });
  if (/^\s*(import|export)\s/m.test(body)) throw new Error(`${name}: an import or export form the bundler does not know`);
  return `__modules[${JSON.stringify(name)}] = (() => {\n${body}\nreturn { ${exported.join(", ")} };\n})();\n`;
}

let script = "const __modules = {};\n";
modules.forEach(([name, path], index) => {
  script += wrap(name, readFileSync(path, "utf8"), index);
});
if (/<\/script/i.test(script)) throw new Error("the page's script contains </script");
// No eval of any kind: the policy would refuse it, and so do we.
for (const banned of [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /setTimeout\s*\(\s*["'`]/]) {
  if (banned.test(script)) throw new Error(`the page's script contains ${banned}`);
}

const style = readFileSync("web/style.css", "utf8");
const wasm = readFileSync(join(glueDir, "shenbao_web_bg.wasm"));
const packed = gzipSync(wasm, { level: constants.Z_BEST_COMPRESSION }).toString("base64");
const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
// Nothing from outside: no fetch, no frame but the form's own blob, no
// form posts. 'wasm-unsafe-eval' lets WebAssembly compile; it allows no
// JavaScript eval.
const policy = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(style)}`,
  "img-src data: blob:",
  "frame-src blob:",
  "object-src 'none'",
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

const template = readFileSync("web/shenbao.html", "utf8");
const parts = { "{{policy}}": policy, "{{style}}": style, "{{script}}": script, "{{wasm}}": packed };
let page = template;
for (const [marker, value] of Object.entries(parts)) {
  if (!page.includes(marker)) throw new Error(`web/shenbao.html has no ${marker}`);
  page = page.split(marker).join(value);
}
// The budget (issue 17): the page is at most 30 MB.
const LIMIT = 30e6;
const bytes = Buffer.byteLength(page, "utf8");
if (bytes > LIMIT) throw new Error(`the page is ${bytes} bytes, over its ${LIMIT}`);
writeFileSync(out, page);
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`page: ${out}: ${mb(bytes)} MB (module ${mb(wasm.length)} MB, ${mb(packed.length)} MB packed)`);
