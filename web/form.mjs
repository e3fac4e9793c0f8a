// The form, generated from the declaration schema: one section per part of
// the 申报书, a field per property with its Chinese title and help, editable
// lists. Every input carries the JSON pointer of its field, so a change goes
// to the module as one edit of the text, and each finding finds its field.
import { half, word } from "./i18n.mjs";

// The parts of the 申报书, in its order; other top-level fields follow.
export const SECTIONS = ["applicant", "project", "narrative", "recommender", "commitments", "attachments", "submission"];

// Texts long enough for a box of several lines.
function isLong(schema, pointer) {
  return (schema.minLength || 0) >= 50 || (schema.maxLength || 0) > 200 || pointer.startsWith("/narrative/");
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function escapeSegment(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

// What the user typed, as the field's type wants it: a number field takes
// a number when the text is one, and keeps other text as written (the
// checks then say what is wrong with it, as on the command line).
export function typed(schema, raw) {
  const types = [].concat(schema.type || []);
  if (types.includes("number") || types.includes("integer")) {
    const t = raw.trim();
    if (t === "") return undefined;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return raw;
  }
  return raw;
}

// A new list item: the required text fields empty, for the checks to ask for.
function newItem(schema) {
  const items = schema.items || {};
  if (items.type !== "object") return "";
  const item = {};
  for (const key of items.required || []) {
    const type = (items.properties[key] || {}).type;
    if (type === "string") item[key] = "";
  }
  return item;
}

export class FormView {
  // ctx: { lang, schema, categories, files, change(pointer, value), pickFile(pointer, file), addFiles(files) }
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
  }

  render(value) {
    const { schema } = this.ctx;
    this.root.replaceChildren();
    const keys = [...SECTIONS, ...Object.keys(schema.properties).filter((k) => !SECTIONS.includes(k))];
    for (const key of keys) {
      const sub = schema.properties[key];
      if (!sub) continue;
      const pointer = `/${escapeSegment(key)}`;
      const section = el("section", { class: "part", "data-pointer": pointer, id: `part-${key}` });
      section.append(el("h2", { text: sub.title || key }));
      const help = half(sub.description, this.ctx.lang);
      if (help) section.append(el("p", { class: "help", text: help }));
      section.append(el("div", { class: "diags", "data-for": pointer }));
      section.append(this.node(sub, pointer, value ? value[key] : undefined, key));
      this.root.append(section);
    }
  }

  node(schema, pointer, value, key) {
    if (schema.type === "object" && schema.properties) {
      const box = el("div", { class: "group" });
      for (const [k, sub] of Object.entries(schema.properties)) {
        const child = `${pointer}/${escapeSegment(k)}`;
        const v = value && typeof value === "object" ? value[k] : undefined;
        if (sub.type === "object" && sub.properties) {
          const set = el("fieldset", { class: "nested", "data-pointer": child });
          set.append(el("legend", { text: sub.title || k }));
          set.append(el("div", { class: "diags", "data-for": child }));
          set.append(this.node(sub, child, v, k));
          box.append(set);
        } else {
          box.append(this.field(sub, child, v, k));
        }
      }
      return box;
    }
    return this.field(schema, pointer, value, key);
  }

  field(schema, pointer, value, key) {
    const { lang } = this.ctx;
    const wrap = el("div", { class: "field", "data-pointer": pointer });
    const id = `f${pointer.replace(/[^A-Za-z0-9_]/g, "_")}`;
    const required = !!this.requiredAt(pointer);
    // The schema's titles are Chinese, as on the printed form; in English
    // the field's YAML name comes first.
    const title = lang === "en" && schema.title ? `${key} · ${schema.title}` : schema.title || key;
    const label = el("label", { htmlFor: id, text: title + (required ? " *" : "") });
    wrap.append(label);
    if (schema.type === "array") {
      wrap.append(this.list(schema, pointer, Array.isArray(value) ? value : [], id));
    } else {
      wrap.append(this.input(schema, pointer, value, id));
    }
    const help = half(schema.description, lang);
    if (help) wrap.append(el("div", { class: "help", text: help }));
    wrap.append(el("div", { class: "diags", "data-for": pointer }));
    return wrap;
  }

  requiredAt(pointer) {
    const parts = pointer.split("/").slice(1);
    let schema = this.ctx.schema;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i];
      schema = /^\d+$/.test(p) && schema.items ? schema.items : (schema.properties || {})[p];
      if (!schema) return false;
    }
    return (schema.required || []).includes(parts[parts.length - 1]);
  }

  input(schema, pointer, value, id) {
    const { lang, categories } = this.ctx;
    const change = (v) => this.ctx.change(pointer, v);
    if (schema.oneOf && pointer === "/project/category") {
      const select = el("select", { id, "data-pointer": pointer });
      select.append(el("option", { value: "", text: word(lang, "chooseOne") }));
      for (const c of categories) {
        const option = el("option", { value: String(c.number), text: `${c.number}. ${c.name}` });
        if (value === c.number || value === String(c.number) || value === c.name) option.selected = true;
        select.append(option);
      }
      select.addEventListener("change", () => change(select.value === "" ? undefined : Number(select.value)));
      return select;
    }
    if (schema.enum) {
      const labels = schema["x-shenbao-enum"] || {};
      const select = el("select", { id, "data-pointer": pointer });
      select.append(el("option", { value: "", text: word(lang, "chooseOne") }));
      for (const v of schema.enum) {
        const text = labels[v] ? (lang === "en" ? `${v} (${labels[v]})` : `${labels[v]}（${v}）`) : String(v);
        const option = el("option", { value: String(v), text });
        if (value === v) option.selected = true;
        select.append(option);
      }
      if (value !== undefined && !schema.enum.includes(value)) {
        // What the file says, though no choice matches: shown, and flagged by the checks.
        const option = el("option", { value: String(value), text: String(value), selected: true });
        select.append(option);
      }
      select.addEventListener("change", () => change(select.value === "" ? undefined : select.value));
      return select;
    }
    if (schema.type === "boolean") {
      const box = el("input", { id, type: "checkbox", "data-pointer": pointer });
      box.checked = value === true;
      const line = el("span", { class: "check" }, box, el("span", { text: word(lang, "yes") }));
      box.addEventListener("change", () => change(box.checked));
      return line;
    }
    const shown = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    const long = schema.type === "string" && isLong(schema, pointer);
    const input = long ? el("textarea", { id, rows: 6 }) : el("input", { id, type: "text" });
    input.setAttribute("data-pointer", pointer);
    input.value = shown;
    if (schema.format === "date") input.placeholder = "YYYY-MM-DD";
    if (schema.examples && schema.examples.length && !long) input.placeholder = String(schema.examples[0]);
    // An optional field left empty is taken out of the file; a required one
    // (or a list item) stays, empty, for the checks to ask for.
    const optional = !/\/\d+$/.test(pointer) && !this.requiredAt(pointer);
    input.addEventListener("input", () => {
      const value = typed(schema, input.value);
      change(value === "" && optional ? undefined : value);
    });
    return input;
  }

  list(schema, pointer, items, id) {
    const { lang } = this.ctx;
    const box = el("div", { class: "list", id });
    items.forEach((item, i) => {
      const at = `${pointer}/${i}`;
      const row = el("div", { class: "item", "data-pointer": at });
      const remove = el("button", { type: "button", class: "remove", text: word(lang, "remove") });
      remove.addEventListener("click", () => this.ctx.change(at, undefined, true));
      if (schema.items && schema.items.type === "object") {
        row.append(this.node(schema.items, at, item, String(i)), remove);
        if (pointer === "/attachments") row.append(this.attachmentFile(at, item));
      } else {
        row.append(this.input(schema.items || { type: "string" }, at, item, `${id}_${i}`), remove);
      }
      row.append(el("div", { class: "diags", "data-for": at }));
      box.append(row);
    });
    const add = el("button", { type: "button", class: "add", text: word(lang, "add"), "data-add": pointer });
    add.addEventListener("click", () => this.ctx.change(`${pointer}/${items.length}`, newItem(schema), true));
    box.append(add);
    if (pointer === "/attachments") {
      const picker = el("input", { type: "file", multiple: true, class: "add-files", id: "add-attachments" });
      const label = el("label", { class: "button", htmlFor: "add-attachments", text: word(lang, "addFiles") });
      picker.addEventListener("change", () => this.ctx.addFiles([...picker.files]));
      box.append(label, picker);
    }
    return box;
  }

  // Beside each attachment: whether its file is in the page, and a picker.
  attachmentFile(at, item) {
    const { lang, files } = this.ctx;
    const path = item && typeof item.path === "string" ? item.path : "";
    const bytes = files.get(path);
    const size = bytes ? `${(bytes.length / 1024).toFixed(1)} KB` : "";
    const state = el("span", {
      class: bytes ? "file ok" : "file missing",
      text: bytes ? word(lang, "fileLoaded", { size }) : word(lang, "fileMissing"),
    });
    const id = `file${at.replace(/\W/g, "_")}`;
    const picker = el("input", { type: "file", id, class: "pick-file", "data-pointer": `${at}/path` });
    const label = el("label", { class: "button", htmlFor: id, text: word(lang, "pickFile") });
    picker.addEventListener("change", () => picker.files[0] && this.ctx.pickFile(at, picker.files[0]));
    return el("div", { class: "attachment-file" }, state, label, picker);
  }

  // Each finding beside its field (or the nearest part that exists).
  showFindings(findings, lang, describe) {
    for (const box of this.root.querySelectorAll(".diags")) box.replaceChildren();
    for (const f of findings) {
      let pointer = f.pointer || "";
      let box = null;
      for (;;) {
        box = this.root.querySelector(`.diags[data-for="${CSS.escape(pointer)}"]`);
        if (box || pointer === "") break;
        pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      }
      (box || this.root.querySelector(".diags"))?.append(describe(f));
    }
  }
}
