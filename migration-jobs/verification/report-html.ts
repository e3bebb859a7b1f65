/**
 * The verification as an HTML page (issue 12): the verdict, a summary per object kind (matched,
 * missing, extra, different) drawn as bars with its table, and each mismatch as the legacy (expected)
 * value against the 2013 value, with a search box and object filter. Pure (data -> string).
 */
import type { ReportDoc } from "../common/report";
import { banner, barChart, docSections, embedJson, html, n, page, table } from "../common/html";
import type { VerificationResult } from "./index";
import { kindSummary } from "./report";

/** Mismatch rows drawn per page. */
export const MISMATCH_PAGE_ROWS = 100;

const DRAWN = new Set(["Mismatches", "Summary by object kind"]);

function summarySection(v: VerificationResult) {
  const kinds = kindSummary(v);
  const bars = kinds.flatMap((k) => [
    ...(k.matched !== null ? [{ label: `${k.object}: matched`, value: k.matched, color: "#2e8b57" }] : []),
    { label: `${k.object}: missing`, value: k.missing, color: "#c0392b" },
    { label: `${k.object}: extra`, value: k.extra, color: "#8e6bbf" },
    { label: `${k.object}: different`, value: k.different, color: "#c0932b" },
  ]);
  return html`<section id="summary"><h2>Summary by object kind</h2>
${table(
  ["object", "expected", "in the target", "matched", "missing", "extra", "different"],
  kinds.map((k) => [k.object, k.expected ?? "not counted", k.target ?? "not counted", k.matched ?? "", k.missing, k.extra, k.different]),
  { numeric: [1, 2, 3, 4, 5, 6], id: "kind-summary" },
)}
${barChart("chart-kinds", "Objects by outcome", bars, { unit: "objects" })}</section>`;
}

function mismatchSection(v: VerificationResult) {
  if (v.mismatches.length === 0) return html`<section id="mismatches"><h2>Mismatches</h2><p>None: every compared object matches.</p></section>`;
  const objects = [...new Set(v.mismatches.map((m) => m.object))];
  return html`<section id="mismatches"><h2>Mismatches: legacy (expected) against 2013</h2>
<div class="toolbar" role="search"><label>Search <input type="search" id="mismatch-search" placeholder="name, field, value"/></label>
${objects.map((o) => html`<label><input type="checkbox" class="object-filter" value="${o}" checked="checked"/> ${o}</label>`)}<span id="mismatch-count" aria-live="polite">${n(v.mismatches.length)} mismatches</span></div>
<table id="mismatch-table"><thead><tr><th>object</th><th>name</th><th>what</th><th>field</th><th>legacy (expected)</th><th>2013 (target)</th><th>details</th></tr></thead><tbody></tbody></table><div class="pager" id="mismatch-pager"></div>
${embedJson(
  "mismatch-data",
  v.mismatches.map((m) => [m.object, m.name, m.kind, m.field ?? "", m.expected === null ? "" : String(m.expected), m.actual === null ? "" : String(m.actual), [m.message, m.missing?.length ? `missing: ${m.missing.join(", ")}` : "", m.extra?.length ? `extra: ${m.extra.join(", ")}` : ""].filter(Boolean).join("; ")]),
)}</section>`;
}

export function renderVerificationHtml(doc: ReportDoc, v: VerificationResult): string {
  const body = html`<header><h1>${doc.title}</h1>
${banner(v.ok ? "ok" : "error", v.ok ? "the target matches the expected model" : `${n(v.mismatches.length)} mismatch(es)`, [
  ["categories expected", v.counts.expected.categories],
  ["rooms expected", v.counts.expected.rooms],
  ["messages since the cutoff expected", v.counts.expected.messagesSinceCutoff],
  ["messages in the target", v.counts.actual.messagesSinceCutoff],
])}
<ul>${doc.summary.map((s) => html`<li>${s}</li>`)}</ul></header>
${summarySection(v)}${mismatchSection(v)}${docSections(doc.sections, DRAWN)}`;
  return page({ title: doc.title, body, script: v.mismatches.length > 0 ? MISMATCH_SCRIPT.replace("__ROWS__", String(MISMATCH_PAGE_ROWS)) : "" });
}

/** Filters and pages the embedded mismatches; only one page of rows is in the DOM. */
const MISMATCH_SCRIPT = `(function(){
var all=readJson("mismatch-data"),P=__ROWS__,rows=all,p=0;
var q=document.getElementById("mismatch-search"),boxes=[].slice.call(document.querySelectorAll(".object-filter")),body=document.querySelector("#mismatch-table tbody"),pg=document.getElementById("mismatch-pager"),c=document.getElementById("mismatch-count");
function el(t,x){var e=document.createElement(t);if(x!=null)e.textContent=String(x);return e;}
function draw(){body.textContent="";rows.slice(p*P,p*P+P).forEach(function(m){var tr=el("tr");m.forEach(function(v){tr.appendChild(el("td",v));});body.appendChild(tr);});
 pg.textContent="";var pages=Math.ceil(rows.length/P);if(pages>1){var a=el("button","previous"),b=el("button","next");a.type=b.type="button";a.disabled=p===0;b.disabled=p>=pages-1;a.onclick=function(){p--;draw();};b.onclick=function(){p++;draw();};pg.appendChild(a);pg.appendChild(el("span","page "+(p+1)+" of "+pages));pg.appendChild(b);}}
function filter(){var t=q.value.trim().toLowerCase(),on={};boxes.forEach(function(x){on[x.value]=x.checked;});
 rows=all.filter(function(m){return on[m[0]]&&(!t||m.join("\\n").toLowerCase().indexOf(t)>=0);});p=0;c.textContent=rows.length.toLocaleString("en-US")+" of "+all.length.toLocaleString("en-US")+" mismatches";draw();}
q.addEventListener("input",filter);boxes.forEach(function(x){x.addEventListener("change",filter);});filter();
document.documentElement.setAttribute("data-ready","true");
})();`;
