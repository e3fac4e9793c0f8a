// The page: opens a declaration (new, a folder, or files), shows it as a
// form, checks it on every keystroke, and saves, prints and packages it, all
// through the WebAssembly module (web/core.mjs). The text of shenbao.yaml is
// the one source of truth: each change of a field is one edit of it.
import { loadAsync, records, today } from "./core.mjs";
// wasm-bindgen's glue for the module (scripts/page.mjs puts it in the page).
import * as glue from "./glue.mjs";
import { FormView } from "./form.mjs";
import { says, word } from "./i18n.mjs";

const encoder = new TextEncoder();
const $ = (id) => document.getElementById(id);

const state = {
  lang: "zh",
  core: null,
  about: null,
  text: "",
  savedText: "", // the text as last opened or saved: leaving with other text asks first
  value: null,
  files: new Map(), // attachment path → bytes
  added: new Set(), // paths picked in the page, not read from the folder
  dir: null, // the folder's handle, where the browser gives one
  findings: [],
  key: null, // { text, encrypted, id }
  view: null,
  lastCheckMs: 0,
};

function t(key, values) {
  return word(state.lang, key, values);
}

function status(text, kind = "info") {
  const box = $("status");
  box.textContent = text;
  box.dataset.kind = kind;
}

function asOf() {
  return $("as-of").value || today();
}

// The declaration for the checks, the form and the dossier; the attachments
// are the module's already (filesChanged), so a keystroke sends only the text.
function input(extra = []) {
  return records(encoder.encode(state.text), asOf(), [], [[":files", "stored"], ...extra]);
}

function filesChanged() {
  state.core.setFiles(records(encoder.encode(""), null, [...state.files]));
}

// ---- start-up -------------------------------------------------------------

async function wasmBytes() {
  const text = $("shenbao-wasm").textContent.trim();
  const packed = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function start() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.lang = params.get("lang") === "en" ? "en" : "zh";
  $("as-of").value = params.get("as-of") || today();
  const bytes = await wasmBytes();
  document.body.dataset.inflatedMs = String(Math.round(performance.now()));
  state.core = await loadAsync(glue, bytes);
  state.about = state.core.about();
  state.view = new FormView($("form"), {
    get lang() {
      return state.lang;
    },
    schema: state.about.schema,
    categories: state.about.categories,
    files: state.files,
    change,
    pickFile,
    addFiles,
  });
  wire();
  translate();
  document.body.dataset.ready = "true";
  // From the start of navigation: what the user waits.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  status(t("ready"));
}

// ---- opening ----------------------------------------------------------------

function open(bytes, files, dir) {
  const read = state.core.read(records(bytes, null, []));
  state.text = read.text;
  state.savedText = read.text;
  state.files = files;
  state.added = new Set();
  state.dir = dir;
  state.view.ctx.files = files;
  filesChanged();
  $("start").hidden = true;
  $("work").hidden = false;
  refresh();
}

function newDeclaration() {
  open(encoder.encode(state.about.template), new Map(), null);
}

async function readFolder(handle, prefix = "", out = new Map()) {
  for await (const [name, entry] of handle.entries()) {
    const path = prefix + name;
    if (entry.kind === "directory") await readFolder(entry, `${path}/`, out);
    else out.set(path, new Uint8Array(await (await entry.getFile()).arrayBuffer()));
  }
  return out;
}

async function openFolder() {
  if (!window.showDirectoryPicker) {
    $("open-dir-input").click();
    return;
  }
  let handle;
  try {
    handle = await window.showDirectoryPicker({ mode: "readwrite" });
  } catch {
    return; // cancelled
  }
  const all = await readFolder(handle);
  fromFiles(all, handle);
}

// Files from a folder (by relative path) or picked one by one (by name):
// shenbao.yaml, and the rest as attachments. A file picked alone is matched
// to the attachment the declaration lists under that name.
function fromFiles(all, dir) {
  const yaml = all.get("shenbao.yaml");
  if (!yaml) {
    status(t("wrongFile"), "error");
    return;
  }
  all.delete("shenbao.yaml");
  open(yaml, all, dir);
  const listed = (state.value && Array.isArray(state.value.attachments) ? state.value.attachments : [])
    .map((a) => a && a.path)
    .filter((p) => typeof p === "string");
  for (const [path, bytes] of [...all]) {
    if (listed.includes(path)) continue;
    const match = listed.find((p) => p.split("/").pop() === path.split("/").pop() && !all.has(p));
    if (match) {
      all.delete(path);
      all.set(match, bytes);
    }
  }
  filesChanged();
  refresh();
}

async function pickedFiles(list, relative) {
  const all = new Map();
  for (const file of list) {
    let path = file.name;
    if (relative && file.webkitRelativePath) path = file.webkitRelativePath.split("/").slice(1).join("/");
    all.set(path, new Uint8Array(await file.arrayBuffer()));
  }
  return all;
}

// ---- editing and checking -----------------------------------------------------

function change(pointer, value, structural = false) {
  const extra = [[":pointer", pointer]];
  if (value !== undefined) extra.push([":value", JSON.stringify(value)]);
  const begun = performance.now();
  const result = state.core.edit(records(encoder.encode(state.text), null, [], extra));
  if (result.error !== undefined) {
    status(t("editFailed", { why: says(result.error, state.lang) }), "error");
    return;
  }
  state.text = result.text;
  if (structural) {
    refresh();
    // A new list item: straight into its first field.
    if (value !== undefined) focusField(pointer);
  } else check(begun);
}

async function pickFile(at, file) {
  const current = state.value?.attachments?.[Number(at.split("/").pop())];
  let path = current && typeof current.path === "string" && current.path ? current.path : `attachments/${file.name}`;
  state.files.set(path, new Uint8Array(await file.arrayBuffer()));
  state.added.add(path);
  filesChanged();
  if (!current || current.path !== path) change(`${at}/path`, path, true);
  else refresh();
}

async function addFiles(files) {
  let count = (state.value && Array.isArray(state.value.attachments) ? state.value.attachments : []).length;
  for (const file of files) {
    const path = `attachments/${file.name}`;
    state.files.set(path, new Uint8Array(await file.arrayBuffer()));
    state.added.add(path);
    const listed = (state.value?.attachments || []).some((a) => a && a.path === path);
    if (!listed) {
      change(`/attachments/${count}`, { path }, false);
      count += 1;
      state.value = state.core.read(records(encoder.encode(state.text), null, [])).value;
    }
  }
  filesChanged();
  refresh();
}

// The text changed as a whole (opened, fixed, edited as text): the form anew.
function refresh() {
  const read = state.core.read(records(encoder.encode(state.text), null, []));
  state.value = read.value;
  $("not-loaded").hidden = read.value !== null;
  $("form").hidden = read.value === null;
  state.view.render(read.value);
  if (document.activeElement !== $("raw-text")) $("raw-text").value = state.text;
  check(performance.now());
}

function check(begun) {
  state.findings = state.core.validate(input());
  const fixes = state.core.fix(records(encoder.encode(state.text), null, []));
  state.lastCheckMs = performance.now() - begun;
  document.body.dataset.checkMs = state.lastCheckMs.toFixed(1);
  if (document.activeElement !== $("raw-text")) $("raw-text").value = state.text;
  showFindings(fixes.count);
  showFit();
}

function describe(f) {
  const item = document.createElement("div");
  item.className = `diag ${f.severity}`;
  item.dataset.code = f.code;
  const head = document.createElement("strong");
  head.textContent = `${f.code} `;
  const message = document.createElement("span");
  message.textContent = says(f.message, state.lang);
  item.append(head, message);
  if (f.help) {
    const help = document.createElement("div");
    help.className = "fix";
    help.textContent = `→ ${says(f.help, state.lang)}`;
    item.append(help);
  }
  return item;
}

function showFindings(fixCount) {
  const errors = state.findings.filter((f) => f.severity === "error").length;
  const warnings = state.findings.length - errors;
  $("summary-count").textContent = errors + warnings ? t("summaryCount", { e: errors, w: warnings }) : t("summaryOk");
  $("summary").dataset.errors = String(errors);
  const list = $("summary-list");
  list.replaceChildren();
  for (const f of state.findings) {
    const entry = describe(f);
    if (f.line) {
      const where = document.createElement("small");
      where.textContent = ` (${t("line", { n: f.line })}) `;
      entry.querySelector("strong").after(where);
    }
    entry.addEventListener("click", () => focusField(f.pointer || ""));
    list.append(entry);
  }
  $("fix-all").hidden = !fixCount;
  $("fix-all").textContent = t("fixAll", { n: fixCount });
  state.view.showFindings(state.findings, state.lang, describe);
}

function focusField(pointer) {
  let at = pointer;
  for (;;) {
    const target = document.querySelector(`#form [data-pointer="${CSS.escape(at)}"]`);
    if (target) {
      target.scrollIntoView({ block: "center" });
      const control = target.matches("input,select,textarea") ? target : target.querySelector("input,select,textarea");
      control?.focus();
      return;
    }
    if (!at) return;
    at = at.slice(0, at.lastIndexOf("/"));
  }
}

function showFit() {
  const box = document.querySelector('.diags[data-for="/project/category"]')?.parentElement;
  if (!box) return;
  box.querySelector(".fit")?.remove();
  const fit = state.core.fit(records(encoder.encode(state.text), null, []));
  const panel = document.createElement("div");
  panel.className = "fit";
  const heading = document.createElement("strong");
  heading.textContent = t("fitHeading");
  panel.append(heading);
  const top = fit && fit.categories ? fit.categories.filter((c) => c.score > 0).slice(0, 3) : [];
  if (!top.length) {
    panel.append(` ${t("fitNone")}`);
  }
  for (const c of top) {
    const row = document.createElement("div");
    const marks = [c.number === fit.declared ? t("fitDeclared") : "", c.number === fit.best ? t("fitBest") : ""].filter(Boolean);
    row.textContent = `${c.number}. ${c.name} — ${c.score}${marks.length ? ` (${marks.join("，")})` : ""}`;
    const why = document.createElement("div");
    why.className = "evidence";
    why.textContent = c.concepts
      .slice(0, 6)
      .map((e) => `${state.lang === "en" ? e.concept_en : e.concept}「${e.phrases.join("、")}」`)
      .join("  ");
    row.append(why);
    panel.append(row);
  }
  box.append(panel);
}

// ---- saving, printing, packaging -------------------------------------------------

function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function writeInto(dir, path, bytes) {
  const parts = path.split("/");
  let folder = dir;
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
  const file = await folder.getFileHandle(parts[parts.length - 1], { create: true });
  const out = await file.createWritable();
  await out.write(bytes);
  await out.close();
}

async function save() {
  const bytes = encoder.encode(state.text);
  if (state.dir && state.dir.getFileHandle) {
    try {
      await writeInto(state.dir, "shenbao.yaml", bytes);
      state.savedText = state.text;
      for (const path of state.added) await writeInto(state.dir, path, state.files.get(path));
      const more = state.added.size ? t("savedAttachments", { n: state.added.size }) : "";
      state.added.clear();
      status(t("saved") + more, "ok");
      return;
    } catch {
      // Not allowed after all: download instead.
    }
  }
  download(bytes, "shenbao.yaml", "application/yaml");
  state.savedText = state.text;
  status(state.files.size ? t("downloadHint") : t("downloaded", { name: "shenbao.yaml" }), "ok");
}

function blocked(findings) {
  const errors = findings.filter((f) => f.severity === "error");
  status(`${t("blocked")} ${errors.map((f) => f.code).join(", ")}`, "error");
}

function print() {
  const result = state.core.form(input());
  if (!result.file) return blocked(result.json);
  const url = URL.createObjectURL(new Blob([result.file.bytes], { type: "application/pdf" }));
  state.pdf = result.file;
  $("pdf-frame").src = url;
  $("pdf-open").onclick = () => window.open(url, "_blank");
  $("pdf-download").onclick = () => download(result.file.bytes, result.file.name, "application/pdf");
  $("print-dialog").showModal();
}

async function useKeyFile(file) {
  const text = await file.text();
  const info = state.core.keyInfo(records(encoder.encode(""), null, [], [[":key", text]]));
  if (info.error) {
    state.key = null;
    status(`${info.error.code} ${says(info.error.message, state.lang)}`, "error");
    return;
  }
  state.key = { text, encrypted: info.encrypted, id: file.name };
  $("key-password-row").hidden = !info.encrypted;
  $("key-state").textContent = t("keyReady", { id: file.name });
}

function makeKey() {
  const password = $("new-password").value;
  const made = state.core.keygen(records(encoder.encode(""), null, [], [[":password", password]]));
  if (made.error) {
    status(`${made.error.code} ${says(made.error.message, state.lang)}`, "error");
    return;
  }
  download(encoder.encode(made.secret), "shenbao.key", "application/octet-stream");
  download(encoder.encode(made.public), "shenbao.pub", "application/octet-stream");
  state.key = { text: made.secret, encrypted: password !== "", id: made.id };
  $("key-password").value = password;
  $("key-password-row").hidden = password === "";
  $("key-state").textContent = t("keyMade", { id: made.id });
}

function packageNow() {
  if (!state.key) {
    status(t("noKey"), "error");
    return;
  }
  const extra = [[":key", state.key.text]];
  if (state.key.encrypted) extra.push([":password", $("key-password").value]);
  const result = state.core.package(input(extra));
  if (!result.file) {
    const found = result.json;
    if (found.length && found.every((f) => f.code.startsWith("Z"))) {
      status(found.map((f) => `${f.code} ${says(f.message, state.lang)}`).join("；"), "error");
    } else {
      blocked(found);
    }
    return;
  }
  download(result.file.bytes, result.file.name, "application/zip");
  status(t("downloaded", { name: result.file.name }), "ok");
}

// ---- wiring and language -----------------------------------------------------------

function wire() {
  // Closing the page with changes not saved asks first (the browser's own dialog).
  window.addEventListener("beforeunload", (event) => {
    if (state.text !== state.savedText) event.preventDefault();
  });
  $("new").addEventListener("click", newDeclaration);
  $("open-dir").addEventListener("click", openFolder);
  $("open-dir-input").addEventListener("change", async (e) => fromFiles(await pickedFiles(e.target.files, true), null));
  $("open-files-input").addEventListener("change", async (e) => fromFiles(await pickedFiles(e.target.files, false), null));
  $("save").addEventListener("click", save);
  $("print").addEventListener("click", print);
  $("pack").addEventListener("click", () => $("pack-dialog").showModal());
  $("key-file").addEventListener("change", (e) => e.target.files[0] && useKeyFile(e.target.files[0]));
  $("make-key").addEventListener("click", makeKey);
  $("pack-now").addEventListener("click", packageNow);
  for (const button of document.querySelectorAll("[data-close]")) {
    button.addEventListener("click", () => button.closest("dialog").close());
  }
  $("fix-all").addEventListener("click", () => {
    const fixed = state.core.fix(records(encoder.encode(state.text), null, []));
    state.text = fixed.text;
    refresh();
    status(t("fixed", { n: fixed.count }), "ok");
  });
  $("as-of").addEventListener("change", () => state.value !== undefined && state.text && check(performance.now()));
  $("raw-text").addEventListener("input", () => {
    state.text = $("raw-text").value;
    check(performance.now());
  });
  $("raw-text").addEventListener("change", refresh);
  $("tab-form").addEventListener("click", () => showTab("form"));
  $("tab-raw").addEventListener("click", () => showTab("raw"));
  $("language").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    translate();
    if (state.text) refresh();
  });
}

function showTab(which) {
  $("form-pane").hidden = which !== "form";
  $("raw-pane").hidden = which !== "raw";
  $("tab-form").setAttribute("aria-selected", String(which === "form"));
  $("tab-raw").setAttribute("aria-selected", String(which === "raw"));
}

function translate() {
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
}

start().catch((error) => {
  status(`shenbao: ${error.message}`, "error");
  document.body.dataset.ready = "failed";
});
