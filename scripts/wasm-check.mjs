// The WebAssembly core against the command line, on every example: the same
// findings (code, severity, line, column) and, where it prints, the same
// form and dossier byte for byte. Run by scripts/wasm.sh:
//   node scripts/wasm-check.mjs GLUE_DIR SHENBAO_BINARY
// GLUE_DIR holds wasm-bindgen's output: shenbao_web.js and shenbao_web_bg.wasm.
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tmpdir } from "node:os";
import { load, records } from "../web/core.mjs";

const [, , glueDir, cli] = process.argv;
const glue = await import(pathToFileURL(resolve(glueDir, "shenbao_web.js")).href);
const core = load(glue, readFileSync(join(glueDir, "shenbao_web_bg.wasm")));
const asOf = "2021-03-25";
const env = { ...process.env, SHENBAO_LANG: "en", NO_COLOR: "1" };

function files(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, base);
    return [[relative(base, path).split("\\").join("/"), readFileSync(path)]];
  });
}

function cliFindings(dir) {
  let out;
  try {
    out = execFileSync(cli, ["validate", "--format", "json", "--as-of", asOf, dir], { env });
  } catch (e) {
    out = e.stdout;
  }
  return JSON.parse(out).results[0].diagnostics;
}

const key = (d) => `${d.code} ${d.severity} ${d.line}:${d.column}`;
let failures = 0;
let checked = 0;
const work = mkdtempSync(join(tmpdir(), "shenbao-wasm-"));
execFileSync(cli, ["keygen", "--no-password", "-o", join(work, "applicant")], { env });
const keyFile = join(work, "applicant.key");
const keyText = readFileSync(keyFile, "utf8");
// A key made in the module opens there and signs.
const made = core.keygen(records("", null, [[":password", "密码2021"]]));
if (!made.secret || !core.keyInfo(records("", null, [[":key", made.secret]])).encrypted) {
  console.log("FAIL a key made in the module is not an encrypted secret key");
  process.exit(1);
}
const examples = [
  ...readdirSync("examples").filter((n) => n !== "failing" && statSync(join("examples", n)).isDirectory()).map((n) => join("examples", n)),
  ...readdirSync("examples/failing").map((n) => join("examples/failing", n)),
].filter((d) => statSync(d).isDirectory());
for (const dir of examples) {
  const all = files(dir);
  const declaration = all.find(([p]) => p === "shenbao.yaml")[1];
  const attachments = all.filter(([p]) => p !== "shenbao.yaml");
  const input = records(declaration, asOf, attachments);
  const page = core.validate(input).map(key).sort();
  const want = cliFindings(dir).map(key).sort();
  checked += 1;
  if (JSON.stringify(page) !== JSON.stringify(want)) {
    failures += 1;
    console.log(`FAIL ${dir}: findings differ\n  page: ${page.join(", ")}\n  cli:  ${want.join(", ")}`);
  } else {
    console.log(`ok   ${dir}: ${page.length} finding(s), as the command line`);
  }
  const form = core.form(input);
  if (form.file) {
    const out = join(work, "form.pdf");
    execFileSync(cli, ["form", "--as-of", asOf, dir, "-o", out], { env });
    checked += 1;
    if (Buffer.compare(Buffer.from(form.file.bytes), readFileSync(out)) !== 0) {
      failures += 1;
      console.log(`FAIL ${dir}: the form differs from the command line's`);
    } else {
      console.log(`ok   ${dir}: form byte-identical (${form.file.bytes.length} bytes)`);
    }
    // The dossier, with the key the command line made, byte for byte.
    const packaged = core.package(records(declaration, asOf, attachments, [[":key", keyText]]));
    const zip = join(work, "dossier.zip");
    execFileSync(cli, ["package", "--as-of", asOf, dir, "--key", keyFile, "-o", zip], { env });
    checked += 1;
    if (!packaged.file || Buffer.compare(Buffer.from(packaged.file.bytes), readFileSync(zip)) !== 0) {
      failures += 1;
      console.log(`FAIL ${dir}: the dossier differs from the command line's`);
    } else {
      console.log(`ok   ${dir}: dossier ${packaged.file.name} byte-identical (${packaged.file.bytes.length} bytes)`);
    }
  }
}
rmSync(work, { recursive: true });
console.log(`wasm: ${checked - failures} of ${checked} checks passed`);
process.exit(failures ? 1 : 0);
